import { useEffect, useRef, type CanvasHTMLAttributes } from 'react';
import type { RgbaImage } from './pixels';

interface Props extends Omit<CanvasHTMLAttributes<HTMLCanvasElement>, 'width' | 'height'> {
  image: RgbaImage;
  /** Displayed side of one image pixel, in CSS pixels (drawn blocky, never smoothed). */
  scale: number;
}

/** An RGBA image drawn at its own resolution and scaled up by CSS with crisp pixels. */
export function PixelCanvas({ image, scale, style, ...rest }: Props) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = ref.current?.getContext('2d');
    context?.putImageData(new ImageData(image.rgba, image.width, image.height), 0, 0);
  }, [image]);
  return (
    <canvas
      ref={ref}
      width={image.width}
      height={image.height}
      className="pixel-canvas"
      style={{ width: image.width * scale, height: image.height * scale, ...style }}
      {...rest}
    />
  );
}
