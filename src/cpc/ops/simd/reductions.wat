;; Sums over neighbouring axes (src/cpc/ops/wasmLayout.ts).
;; SIMD on tfjs-wasm's own heap: the module imports its WebAssembly.Memory (simdKernels.ts). Addresses
;; are byte offsets into that memory; sizes and strides count float32 values. `npm run build:simd`
;; compiles every .wat here into simdKernelsWasm.ts.
(module
  (import "env" "memory" (memory 0))

  ;; dst[c] = Σ_r src[r·cols + c] for r = 0 … rows−1, added in row order: the same float32 sums as a loop
  ;; that starts from row 0 and adds one row at a time (rows ≥ 1).
  (func $sumRows (param $src i32) (param $rows i32) (param $cols i32) (param $dst i32)
    (local $rowBytes i32) (local $vecBytes i32) (local $end i32) (local $c i32)
    (local.set $rowBytes (i32.shl (local.get $cols) (i32.const 2)))
    (local.set $vecBytes (i32.and (local.get $rowBytes) (i32.const -16)))
    (memory.copy (local.get $dst) (local.get $src) (local.get $rowBytes))
    (local.set $end (i32.add (local.get $src) (i32.mul (local.get $rows) (local.get $rowBytes))))
    (local.set $src (i32.add (local.get $src) (local.get $rowBytes)))
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $src) (local.get $end)))
        (local.set $c (i32.const 0))
        (block $vectorsDone
          (loop $vectors
            (br_if $vectorsDone (i32.ge_u (local.get $c) (local.get $vecBytes)))
            (v128.store (i32.add (local.get $dst) (local.get $c))
              (f32x4.add
                (v128.load (i32.add (local.get $dst) (local.get $c)))
                (v128.load (i32.add (local.get $src) (local.get $c)))))
            (local.set $c (i32.add (local.get $c) (i32.const 16)))
            (br $vectors)))
        (block $scalarsDone
          (loop $scalars
            (br_if $scalarsDone (i32.ge_u (local.get $c) (local.get $rowBytes)))
            (f32.store (i32.add (local.get $dst) (local.get $c))
              (f32.add
                (f32.load (i32.add (local.get $dst) (local.get $c)))
                (f32.load (i32.add (local.get $src) (local.get $c)))))
            (local.set $c (i32.add (local.get $c) (i32.const 4)))
            (br $scalars)))
        (local.set $src (i32.add (local.get $src) (local.get $rowBytes)))
        (br $row))))

  ;; Sum over the middle axis of [outer, rows, cols] into [outer, cols], each block by $sumRows.
  (func (export "sumMiddle") (param $src i32) (param $outer i32) (param $rows i32) (param $cols i32) (param $dst i32)
    (local $blockBytes i32) (local $rowBytes i32) (local $o i32)
    (local.set $rowBytes (i32.shl (local.get $cols) (i32.const 2)))
    (local.set $blockBytes (i32.mul (local.get $rows) (local.get $rowBytes)))
    (block $done
      (loop $block
        (br_if $done (i32.ge_u (local.get $o) (local.get $outer)))
        (call $sumRows (local.get $src) (local.get $rows) (local.get $cols) (local.get $dst))
        (local.set $src (i32.add (local.get $src) (local.get $blockBytes)))
        (local.set $dst (i32.add (local.get $dst) (local.get $rowBytes)))
        (local.set $o (i32.add (local.get $o) (i32.const 1)))
        (br $block))))

  ;; dst[r] = Σ_c src[r·cols + c], added in column order from 0 (as tfjs' scalar loop adds): four rows
  ;; at a time, one lane each, their 4 × 4 blocks transposed on the way in; the last rows % 4 one by one.
  (func (export "sumCols") (param $src i32) (param $rows i32) (param $cols i32) (param $dst i32)
    (local $r i32) (local $c i32) (local $rows4 i32) (local $vecBytes i32) (local $rowBytes i32)
    (local $p i32) (local $end i32) (local $sum f32)
    (local $acc v128) (local $a v128) (local $b v128) (local $x v128) (local $y v128) (local $lo v128)
    (local $hi v128)
    (local.set $rows4 (i32.and (local.get $rows) (i32.const -4)))
    (local.set $rowBytes (i32.shl (local.get $cols) (i32.const 2)))
    (local.set $vecBytes (i32.and (local.get $rowBytes) (i32.const -16)))
    (block $rowsDone
      (loop $rowLoop
        (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $rows4)))
        (local.set $p (i32.add (local.get $src) (i32.mul (local.get $r) (local.get $rowBytes))))
        (local.set $acc (f32x4.splat (f32.const 0)))
        (local.set $c (i32.const 0))
        (block $vecDone
          (loop $vecLoop
            (br_if $vecDone (i32.ge_u (local.get $c) (local.get $vecBytes)))
            (local.set $a (v128.load (i32.add (local.get $p) (local.get $c))))
            (local.set $b (v128.load (i32.add (i32.add (local.get $p) (local.get $rowBytes)) (local.get $c))))
            (local.set $x (v128.load (i32.add (i32.add (local.get $p) (i32.shl (local.get $rowBytes) (i32.const 1)))
              (local.get $c))))
            (local.set $y (v128.load (i32.add (i32.add (local.get $p) (i32.mul (local.get $rowBytes) (i32.const 3)))
              (local.get $c))))
            (local.set $lo (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $a) (local.get $b)))
            (local.set $hi (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $a) (local.get $b)))
            (local.set $a (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $x) (local.get $y)))
            (local.set $b (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $x) (local.get $y)))
            (local.set $acc (f32x4.add (local.get $acc)
              (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $lo) (local.get $a))))
            (local.set $acc (f32x4.add (local.get $acc)
              (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $lo) (local.get $a))))
            (local.set $acc (f32x4.add (local.get $acc)
              (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $hi) (local.get $b))))
            (local.set $acc (f32x4.add (local.get $acc)
              (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $hi) (local.get $b))))
            (local.set $c (i32.add (local.get $c) (i32.const 16)))
            (br $vecLoop)))
        (block $edgeDone
          (loop $edgeLoop
            (br_if $edgeDone (i32.ge_u (local.get $c) (local.get $rowBytes)))
            (local.set $a (f32x4.splat (f32.load (i32.add (local.get $p) (local.get $c)))))
            (local.set $a (f32x4.replace_lane 1 (local.get $a)
              (f32.load (i32.add (i32.add (local.get $p) (local.get $rowBytes)) (local.get $c)))))
            (local.set $a (f32x4.replace_lane 2 (local.get $a)
              (f32.load (i32.add (i32.add (local.get $p) (i32.shl (local.get $rowBytes) (i32.const 1))) (local.get $c)))))
            (local.set $a (f32x4.replace_lane 3 (local.get $a)
              (f32.load (i32.add (i32.add (local.get $p) (i32.mul (local.get $rowBytes) (i32.const 3))) (local.get $c)))))
            (local.set $acc (f32x4.add (local.get $acc) (local.get $a)))
            (local.set $c (i32.add (local.get $c) (i32.const 4)))
            (br $edgeLoop)))
        (v128.store (i32.add (local.get $dst) (i32.shl (local.get $r) (i32.const 2))) (local.get $acc))
        (local.set $r (i32.add (local.get $r) (i32.const 4)))
        (br $rowLoop)))
    (block $tailDone
      (loop $tailLoop
        (br_if $tailDone (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $p (i32.add (local.get $src) (i32.mul (local.get $r) (local.get $rowBytes))))
        (local.set $end (i32.add (local.get $p) (local.get $rowBytes)))
        (local.set $sum (f32.const 0))
        (block $colsDone
          (loop $colLoop
            (br_if $colsDone (i32.ge_u (local.get $p) (local.get $end)))
            (local.set $sum (f32.add (local.get $sum) (f32.load (local.get $p))))
            (local.set $p (i32.add (local.get $p) (i32.const 4)))
            (br $colLoop)))
        (f32.store (i32.add (local.get $dst) (i32.shl (local.get $r) (i32.const 2))) (local.get $sum))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $tailLoop))))
)
