;; Transposes (src/cpc/ops/wasmTranspose.ts) and strided row copies (wasmLayout.ts, wasmSlice.ts).
;; SIMD on tfjs-wasm's own heap: the module imports its WebAssembly.Memory (simdKernels.ts). Addresses
;; are byte offsets into that memory; sizes and strides count float32 values. `npm run build:simd`
;; compiles every .wat here into simdKernelsWasm.ts.
(module
  (import "env" "memory" (memory 0))

  ;; dst[c·dstStride + r] = src[r·srcStride + c] for r < rows, c < cols: a strided 2-D transpose, four rows
  ;; by four columns at a time with shuffles, the edges one value at a time.
  (func (export "transpose") (param $src i32) (param $dst i32) (param $rows i32) (param $cols i32)
    (param $srcStride i32) (param $dstStride i32)
    (local $r i32) (local $c i32) (local $rows4 i32) (local $cols4 i32) (local $k i32)
    (local $from i32) (local $to i32) (local $srcRowBytes i32) (local $dstRowBytes i32)
    (local $a v128) (local $b v128) (local $x v128) (local $y v128) (local $lo v128) (local $hi v128)
    (local.set $rows4 (i32.and (local.get $rows) (i32.const -4)))
    (local.set $cols4 (i32.and (local.get $cols) (i32.const -4)))
    (local.set $srcRowBytes (i32.shl (local.get $srcStride) (i32.const 2)))
    (local.set $dstRowBytes (i32.shl (local.get $dstStride) (i32.const 2)))
    ;; rows in fours
    (block $rowsDone
      (loop $rowLoop
        (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $rows4)))
        (local.set $c (i32.const 0))
        (block $blocksDone
          (loop $blockLoop
            (br_if $blocksDone (i32.ge_u (local.get $c) (local.get $cols4)))
            ;; four rows r … r+3 at columns c … c+3
            (local.set $from (i32.add (local.get $src)
              (i32.shl (i32.add (i32.mul (local.get $r) (local.get $srcStride)) (local.get $c)) (i32.const 2))))
            (local.set $a (v128.load (local.get $from)))
            (local.set $b (v128.load (i32.add (local.get $from) (local.get $srcRowBytes))))
            (local.set $x (v128.load (i32.add (local.get $from) (i32.shl (local.get $srcRowBytes) (i32.const 1)))))
            (local.set $y (v128.load (i32.add (local.get $from) (i32.mul (local.get $srcRowBytes) (i32.const 3)))))
            ;; lo = a0 b0 a1 b1, hi = a2 b2 a3 b3; then the same for x, y
            (local.set $lo (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $a) (local.get $b)))
            (local.set $hi (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $a) (local.get $b)))
            (local.set $a (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $x) (local.get $y)))
            (local.set $b (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $x) (local.get $y)))
            (local.set $to (i32.add (local.get $dst)
              (i32.shl (i32.add (i32.mul (local.get $c) (local.get $dstStride)) (local.get $r)) (i32.const 2))))
            (v128.store (local.get $to)
              (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $lo) (local.get $a)))
            (v128.store (i32.add (local.get $to) (local.get $dstRowBytes))
              (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $lo) (local.get $a)))
            (v128.store (i32.add (local.get $to) (i32.shl (local.get $dstRowBytes) (i32.const 1)))
              (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $hi) (local.get $b)))
            (v128.store (i32.add (local.get $to) (i32.mul (local.get $dstRowBytes) (i32.const 3)))
              (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $hi) (local.get $b)))
            (local.set $c (i32.add (local.get $c) (i32.const 4)))
            (br $blockLoop)))
        ;; the last cols % 4 columns of these four rows
        (block $edgeDone
          (loop $edgeLoop
            (br_if $edgeDone (i32.ge_u (local.get $c) (local.get $cols)))
            (local.set $k (i32.const 0))
            (block $kDone
              (loop $kLoop
                (br_if $kDone (i32.ge_u (local.get $k) (i32.const 4)))
                (call $move (local.get $src) (local.get $dst) (i32.add (local.get $r) (local.get $k)) (local.get $c)
                  (local.get $srcStride) (local.get $dstStride))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (br $kLoop)))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $edgeLoop)))
        (local.set $r (i32.add (local.get $r) (i32.const 4)))
        (br $rowLoop)))
    ;; the last rows % 4 rows
    (block $tailDone
      (loop $tailLoop
        (br_if $tailDone (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $c (i32.const 0))
        (block $colsDone
          (loop $colLoop
            (br_if $colsDone (i32.ge_u (local.get $c) (local.get $cols)))
            (call $move (local.get $src) (local.get $dst) (local.get $r) (local.get $c)
              (local.get $srcStride) (local.get $dstStride))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $colLoop)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $tailLoop))))

  ;; dst[c·dstStride + r] = src[r·srcStride + c], one value.
  (func $move (param $src i32) (param $dst i32) (param $r i32) (param $c i32) (param $srcStride i32)
    (param $dstStride i32)
    (f32.store
      (i32.add (local.get $dst)
        (i32.shl (i32.add (i32.mul (local.get $c) (local.get $dstStride)) (local.get $r)) (i32.const 2)))
      (f32.load
        (i32.add (local.get $src)
          (i32.shl (i32.add (i32.mul (local.get $r) (local.get $srcStride)) (local.get $c)) (i32.const 2))))))

  ;; For r < rows: `width` four-byte values from src + r·srcStride to dst + r·dstStride (strides in values):
  ;; concatenation and splitting along an inner axis, whose rows are too short for a call each.
  (func (export "copyRows") (param $src i32) (param $dst i32) (param $rows i32) (param $width i32)
    (param $srcStride i32) (param $dstStride i32)
    (local $r i32) (local $j i32) (local $bytes i32) (local $vecBytes i32) (local $srcStep i32) (local $dstStep i32)
    (local.set $bytes (i32.shl (local.get $width) (i32.const 2)))
    (local.set $vecBytes (i32.and (local.get $bytes) (i32.const -16)))
    (local.set $srcStep (i32.shl (local.get $srcStride) (i32.const 2)))
    (local.set $dstStep (i32.shl (local.get $dstStride) (i32.const 2)))
    (block $rowsDone
      (loop $rowLoop
        (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $j (i32.const 0))
        (block $vecDone
          (loop $vecLoop
            (br_if $vecDone (i32.ge_u (local.get $j) (local.get $vecBytes)))
            (v128.store (i32.add (local.get $dst) (local.get $j)) (v128.load (i32.add (local.get $src) (local.get $j))))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $vecLoop)))
        (block $scalarDone
          (loop $scalarLoop
            (br_if $scalarDone (i32.ge_u (local.get $j) (local.get $bytes)))
            (i32.store (i32.add (local.get $dst) (local.get $j)) (i32.load (i32.add (local.get $src) (local.get $j))))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $scalarLoop)))
        (local.set $src (i32.add (local.get $src) (local.get $srcStep)))
        (local.set $dst (i32.add (local.get $dst) (local.get $dstStep)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rowLoop))))
)
