;; LeakyRelu, its gradient and Select (src/cpc/ops/wasmElementwise.ts).
;; SIMD on tfjs-wasm's own heap: the module imports its WebAssembly.Memory (simdKernels.ts). Addresses
;; are byte offsets into that memory; sizes and strides count float32 values. `npm run build:simd`
;; compiles every .wat here into simdKernelsWasm.ts.
(module
  (import "env" "memory" (memory 0))

  ;; out[i] = x[i] < 0 ? alpha·x[i] : x[i] for i < n, as tfjs' LeakyRelu (alpha as float32).
  (func (export "leakyRelu") (param $x i32) (param $n i32) (param $alpha f32) (param $out i32)
    (local $k i32) (local $end i32) (local $end4 i32) (local $v v128) (local $av v128) (local $f f32)
    (local.set $av (f32x4.splat (local.get $alpha)))
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (local.set $end4 (i32.and (local.get $end) (i32.const -16)))
    (block $vecDone
      (loop $vecLoop
        (br_if $vecDone (i32.ge_u (local.get $k) (local.get $end4)))
        (local.set $v (v128.load (i32.add (local.get $x) (local.get $k))))
        (v128.store (i32.add (local.get $out) (local.get $k))
          (v128.bitselect (f32x4.mul (local.get $av) (local.get $v)) (local.get $v)
            (f32x4.lt (local.get $v) (f32x4.splat (f32.const 0)))))
        (local.set $k (i32.add (local.get $k) (i32.const 16)))
        (br $vecLoop)))
    (block $scalarDone
      (loop $scalarLoop
        (br_if $scalarDone (i32.ge_u (local.get $k) (local.get $end)))
        (local.set $f (f32.load (i32.add (local.get $x) (local.get $k))))
        (f32.store (i32.add (local.get $out) (local.get $k))
          (select (f32.mul (local.get $alpha) (local.get $f)) (local.get $f)
            (f32.lt (local.get $f) (f32.const 0))))
        (local.set $k (i32.add (local.get $k) (i32.const 4)))
        (br $scalarLoop))))

  ;; out[i] = cond[i] ≠ 0 ? t[i] : e[i] for i < n: cond one byte a value (bool), t, e and out four bytes.
  (func (export "select") (param $cond i32) (param $t i32) (param $e i32) (param $n i32) (param $out i32)
    (local $i i32) (local $n4 i32) (local $k i32)
    (local.set $n4 (i32.and (local.get $n) (i32.const -4)))
    (block $vecDone
      (loop $vecLoop
        (br_if $vecDone (i32.ge_u (local.get $i) (local.get $n4)))
        (local.set $k (i32.shl (local.get $i) (i32.const 2)))
        (v128.store (i32.add (local.get $out) (local.get $k))
          (v128.bitselect
            (v128.load (i32.add (local.get $t) (local.get $k)))
            (v128.load (i32.add (local.get $e) (local.get $k)))
            (i32x4.ne
              (i32x4.extend_low_i16x8_u (i16x8.extend_low_i8x16_u
                (v128.load32_zero (i32.add (local.get $cond) (local.get $i)))))
              (v128.const i32x4 0 0 0 0))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $vecLoop)))
    (block $scalarDone
      (loop $scalarLoop
        (br_if $scalarDone (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $k (i32.shl (local.get $i) (i32.const 2)))
        (i32.store (i32.add (local.get $out) (local.get $k))
          (select
            (i32.load (i32.add (local.get $t) (local.get $k)))
            (i32.load (i32.add (local.get $e) (local.get $k)))
            (i32.load8_u (i32.add (local.get $cond) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $scalarLoop))))

  ;; out[i] = dy[i] · (y[i] > 0 ? 1 : slope) for i < n: the gradient through a (leaky) ReLU whose output
  ;; was y, as a Multiply by tfjs' Step (slope for y ≤ 0, NaN for NaN).
  (func (export "reluGrad") (param $dy i32) (param $y i32) (param $n i32) (param $slope f32) (param $out i32)
    (local $k i32) (local $end i32) (local $end4 i32) (local $sv v128) (local $yv v128) (local $yf f32)
    (local.set $sv (f32x4.splat (local.get $slope)))
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (local.set $end4 (i32.and (local.get $end) (i32.const -16)))
    (block $vecDone
      (loop $vecLoop
        (br_if $vecDone (i32.ge_u (local.get $k) (local.get $end4)))
        (local.set $yv (v128.load (i32.add (local.get $y) (local.get $k))))
        (v128.store (i32.add (local.get $out) (local.get $k))
          (f32x4.mul (v128.load (i32.add (local.get $dy) (local.get $k)))
            (v128.bitselect (local.get $yv)
              (v128.bitselect (f32x4.splat (f32.const 1)) (local.get $sv)
                (f32x4.gt (local.get $yv) (f32x4.splat (f32.const 0))))
              (f32x4.ne (local.get $yv) (local.get $yv)))))
        (local.set $k (i32.add (local.get $k) (i32.const 16)))
        (br $vecLoop)))
    (block $scalarDone
      (loop $scalarLoop
        (br_if $scalarDone (i32.ge_u (local.get $k) (local.get $end)))
        (local.set $yf (f32.load (i32.add (local.get $y) (local.get $k))))
        (f32.store (i32.add (local.get $out) (local.get $k))
          (f32.mul (f32.load (i32.add (local.get $dy) (local.get $k)))
            (select (local.get $yf)
              (select (f32.const 1) (local.get $slope) (f32.gt (local.get $yf) (f32.const 0)))
              (f32.ne (local.get $yf) (local.get $yf)))))
        (local.set $k (i32.add (local.get $k) (i32.const 4)))
        (br $scalarLoop))))
)
