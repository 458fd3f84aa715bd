;; SIMD kernels that run on tfjs-wasm's own heap (src/cpc/ops/simd/simdKernels.ts imports its memory).
;; Addresses are byte offsets into that memory; sizes and strides count float32 values.
;; Built into simdKernelsWasm.ts by `npm run build:simd` (scripts/buildSimdKernels.ts).
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

  ;; Moves whole rows of `width` values: dst row (c·dstStride + r) = src row (r·srcStride + c), for
  ;; r < rows, c < cols (strides in rows). The transpose of [rows, cols] rows, e.g. [A, M, C] → [M, A, C].
  (func (export "transposeRows") (param $src i32) (param $dst i32) (param $rows i32) (param $cols i32)
    (param $srcStride i32) (param $dstStride i32) (param $width i32)
    (local $r i32) (local $c i32) (local $j i32) (local $from i32) (local $to i32) (local $bytes i32)
    (local $vecBytes i32)
    (local.set $bytes (i32.shl (local.get $width) (i32.const 2)))
    (local.set $vecBytes (i32.and (local.get $bytes) (i32.const -16)))
    (block $rowsDone
      (loop $rowLoop
        (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $c (i32.const 0))
        (block $colsDone
          (loop $colLoop
            (br_if $colsDone (i32.ge_u (local.get $c) (local.get $cols)))
            (local.set $from (i32.add (local.get $src) (i32.mul (local.get $bytes)
              (i32.add (i32.mul (local.get $r) (local.get $srcStride)) (local.get $c)))))
            (local.set $to (i32.add (local.get $dst) (i32.mul (local.get $bytes)
              (i32.add (i32.mul (local.get $c) (local.get $dstStride)) (local.get $r)))))
            (local.set $j (i32.const 0))
            (block $vecDone
              (loop $vecLoop
                (br_if $vecDone (i32.ge_u (local.get $j) (local.get $vecBytes)))
                (v128.store (i32.add (local.get $to) (local.get $j)) (v128.load (i32.add (local.get $from) (local.get $j))))
                (local.set $j (i32.add (local.get $j) (i32.const 16)))
                (br $vecLoop)))
            (block $scalarDone
              (loop $scalarLoop
                (br_if $scalarDone (i32.ge_u (local.get $j) (local.get $bytes)))
                (f32.store (i32.add (local.get $to) (local.get $j)) (f32.load (i32.add (local.get $from) (local.get $j))))
                (local.set $j (i32.add (local.get $j) (i32.const 4)))
                (br $scalarLoop)))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (br $colLoop)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rowLoop))))

  ;; Scores of predictions against their own candidates (src/cpc/ops/candidateDots.ts): preds [m, d],
  ;; codes [·, d], cand [m·w] int32 rows of codes, out [m, w]. out[i, j] = Σ_k preds[i, k]·codes[c, k]
  ;; with c = cand[i·w + j], each product rounded to float32 and added in k order from 0 (as a Multiply
  ;; kernel followed by tfjs' Sum over the last axis). Four candidates at a time, a lane each.
  (func (export "candidateDots") (param $preds i32) (param $codes i32) (param $cand i32) (param $m i32)
    (param $w i32) (param $d i32) (param $out i32)
    (local $i i32) (local $j i32) (local $k i32) (local $w4 i32) (local $d4 i32) (local $rowBytes i32)
    (local $p i32) (local $c i32) (local $z0 i32) (local $z1 i32) (local $z2 i32) (local $z3 i32)
    (local $acc v128) (local $pv v128) (local $a v128) (local $b v128) (local $x v128) (local $y v128)
    (local $lo v128) (local $hi v128) (local $sum f32)
    (local.set $w4 (i32.and (local.get $w) (i32.const -4)))
    (local.set $d4 (i32.and (local.get $d) (i32.const -4)))
    (local.set $rowBytes (i32.shl (local.get $d) (i32.const 2)))
    (block $predsDone
      (loop $predLoop
        (br_if $predsDone (i32.ge_u (local.get $i) (local.get $m)))
        (local.set $p (i32.add (local.get $preds) (i32.mul (local.get $i) (local.get $rowBytes))))
        (local.set $j (i32.const 0))
        (block $quadsDone
          (loop $quadLoop
            (br_if $quadsDone (i32.ge_u (local.get $j) (local.get $w4)))
            (local.set $c (i32.add (local.get $cand) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $w))
              (local.get $j)) (i32.const 2))))
            (local.set $z0 (i32.add (local.get $codes) (i32.mul (i32.load (local.get $c)) (local.get $rowBytes))))
            (local.set $z1 (i32.add (local.get $codes) (i32.mul (i32.load offset=4 (local.get $c)) (local.get $rowBytes))))
            (local.set $z2 (i32.add (local.get $codes) (i32.mul (i32.load offset=8 (local.get $c)) (local.get $rowBytes))))
            (local.set $z3 (i32.add (local.get $codes) (i32.mul (i32.load offset=12 (local.get $c)) (local.get $rowBytes))))
            (local.set $acc (f32x4.splat (f32.const 0)))
            (local.set $k (i32.const 0))
            (block $dimsDone
              (loop $dimLoop
                (br_if $dimsDone (i32.ge_u (local.get $k) (local.get $d4)))
                (local.set $a (v128.load (i32.add (local.get $z0) (i32.shl (local.get $k) (i32.const 2)))))
                (local.set $b (v128.load (i32.add (local.get $z1) (i32.shl (local.get $k) (i32.const 2)))))
                (local.set $x (v128.load (i32.add (local.get $z2) (i32.shl (local.get $k) (i32.const 2)))))
                (local.set $y (v128.load (i32.add (local.get $z3) (i32.shl (local.get $k) (i32.const 2)))))
                (local.set $pv (v128.load (i32.add (local.get $p) (i32.shl (local.get $k) (i32.const 2)))))
                (local.set $lo (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $a) (local.get $b)))
                (local.set $hi (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $a) (local.get $b)))
                (local.set $a (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $x) (local.get $y)))
                (local.set $b (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $x) (local.get $y)))
                (local.set $acc (f32x4.add (local.get $acc) (f32x4.mul
                  (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $lo) (local.get $a))
                  (i8x16.shuffle 0 1 2 3 0 1 2 3 0 1 2 3 0 1 2 3 (local.get $pv) (local.get $pv)))))
                (local.set $acc (f32x4.add (local.get $acc) (f32x4.mul
                  (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $lo) (local.get $a))
                  (i8x16.shuffle 4 5 6 7 4 5 6 7 4 5 6 7 4 5 6 7 (local.get $pv) (local.get $pv)))))
                (local.set $acc (f32x4.add (local.get $acc) (f32x4.mul
                  (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $hi) (local.get $b))
                  (i8x16.shuffle 8 9 10 11 8 9 10 11 8 9 10 11 8 9 10 11 (local.get $pv) (local.get $pv)))))
                (local.set $acc (f32x4.add (local.get $acc) (f32x4.mul
                  (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $hi) (local.get $b))
                  (i8x16.shuffle 12 13 14 15 12 13 14 15 12 13 14 15 12 13 14 15 (local.get $pv) (local.get $pv)))))
                (local.set $k (i32.add (local.get $k) (i32.const 4)))
                (br $dimLoop)))
            (block $edgeDone
              (loop $edgeLoop
                (br_if $edgeDone (i32.ge_u (local.get $k) (local.get $d)))
                (local.set $a (f32x4.splat (f32.load (i32.add (local.get $z0) (i32.shl (local.get $k) (i32.const 2))))))
                (local.set $a (f32x4.replace_lane 1 (local.get $a)
                  (f32.load (i32.add (local.get $z1) (i32.shl (local.get $k) (i32.const 2))))))
                (local.set $a (f32x4.replace_lane 2 (local.get $a)
                  (f32.load (i32.add (local.get $z2) (i32.shl (local.get $k) (i32.const 2))))))
                (local.set $a (f32x4.replace_lane 3 (local.get $a)
                  (f32.load (i32.add (local.get $z3) (i32.shl (local.get $k) (i32.const 2))))))
                (local.set $acc (f32x4.add (local.get $acc) (f32x4.mul (local.get $a)
                  (f32x4.splat (f32.load (i32.add (local.get $p) (i32.shl (local.get $k) (i32.const 2))))))))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (br $edgeLoop)))
            (v128.store (i32.add (local.get $out) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $w))
              (local.get $j)) (i32.const 2))) (local.get $acc))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $quadLoop)))
        ;; the last w % 4 candidates one at a time
        (block $restDone
          (loop $restLoop
            (br_if $restDone (i32.ge_u (local.get $j) (local.get $w)))
            (local.set $z0 (i32.add (local.get $codes) (i32.mul (local.get $rowBytes) (i32.load (i32.add (local.get $cand)
              (i32.shl (i32.add (i32.mul (local.get $i) (local.get $w)) (local.get $j)) (i32.const 2)))))))
            (local.set $sum (f32.const 0))
            (local.set $k (i32.const 0))
            (block $kDone
              (loop $kLoop
                (br_if $kDone (i32.ge_u (local.get $k) (local.get $d)))
                (local.set $sum (f32.add (local.get $sum) (f32.mul
                  (f32.load (i32.add (local.get $z0) (i32.shl (local.get $k) (i32.const 2))))
                  (f32.load (i32.add (local.get $p) (i32.shl (local.get $k) (i32.const 2)))))))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (br $kLoop)))
            (f32.store (i32.add (local.get $out) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $w))
              (local.get $j)) (i32.const 2))) (local.get $sum))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $restLoop)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $predLoop))))

  ;; dst[0 … d) += src[0 … d) · g, each product rounded to float32 before it is added.
  (func $addScaled (param $dst i32) (param $src i32) (param $d i32) (param $g f32)
    (local $k i32) (local $end i32) (local $end4 i32) (local $gv v128)
    (local.set $gv (f32x4.splat (local.get $g)))
    (local.set $end (i32.shl (local.get $d) (i32.const 2)))
    (local.set $end4 (i32.and (local.get $end) (i32.const -16)))
    (block $vecDone
      (loop $vecLoop
        (br_if $vecDone (i32.ge_u (local.get $k) (local.get $end4)))
        (v128.store (i32.add (local.get $dst) (local.get $k))
          (f32x4.add (v128.load (i32.add (local.get $dst) (local.get $k)))
            (f32x4.mul (v128.load (i32.add (local.get $src) (local.get $k))) (local.get $gv))))
        (local.set $k (i32.add (local.get $k) (i32.const 16)))
        (br $vecLoop)))
    (block $scalarDone
      (loop $scalarLoop
        (br_if $scalarDone (i32.ge_u (local.get $k) (local.get $end)))
        (f32.store (i32.add (local.get $dst) (local.get $k))
          (f32.add (f32.load (i32.add (local.get $dst) (local.get $k)))
            (f32.mul (f32.load (i32.add (local.get $src) (local.get $k))) (local.get $g))))
        (local.set $k (i32.add (local.get $k) (i32.const 4)))
        (br $scalarLoop))))

  ;; The gradient of candidateDots with respect to preds: out [m, d] (overwritten), out[i] = Σ_j dy[i, j] ·
  ;; codes[cand[i·w + j]], added in j order from 0 (as a Multiply followed by a sum over the middle axis).
  (func (export "candidateDotsGradPreds") (param $dy i32) (param $codes i32) (param $cand i32) (param $m i32)
    (param $w i32) (param $d i32) (param $out i32)
    (local $i i32) (local $n i32) (local $rowBytes i32) (local $row i32)
    (local.set $rowBytes (i32.shl (local.get $d) (i32.const 2)))
    (memory.fill (local.get $out) (i32.const 0) (i32.mul (local.get $m) (local.get $rowBytes)))
    (local.set $n (i32.mul (local.get $m) (local.get $w)))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $row (i32.add (local.get $out) (i32.mul (i32.div_u (local.get $i) (local.get $w)) (local.get $rowBytes))))
        (call $addScaled (local.get $row)
          (i32.add (local.get $codes) (i32.mul (i32.load (i32.add (local.get $cand) (i32.shl (local.get $i) (i32.const 2))))
            (local.get $rowBytes)))
          (local.get $d)
          (f32.load (i32.add (local.get $dy) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $each))))

  ;; The gradient of candidateDots with respect to codes: out [p, d] (overwritten, p·d = outSize values),
  ;; out[cand[n]] += dy[n] · preds[n / w] for n = 0 … m·w − 1 in order (as a Multiply, then a ScatterNd
  ;; that adds repeated rows one update after another).
  (func (export "candidateDotsGradCodes") (param $dy i32) (param $preds i32) (param $cand i32) (param $m i32)
    (param $w i32) (param $d i32) (param $outSize i32) (param $out i32)
    (local $i i32) (local $n i32) (local $rowBytes i32)
    (local.set $rowBytes (i32.shl (local.get $d) (i32.const 2)))
    (memory.fill (local.get $out) (i32.const 0) (i32.shl (local.get $outSize) (i32.const 2)))
    (local.set $n (i32.mul (local.get $m) (local.get $w)))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (call $addScaled
          (i32.add (local.get $out) (i32.mul (i32.load (i32.add (local.get $cand) (i32.shl (local.get $i) (i32.const 2))))
            (local.get $rowBytes)))
          (i32.add (local.get $preds) (i32.mul (i32.div_u (local.get $i) (local.get $w)) (local.get $rowBytes)))
          (local.get $d)
          (f32.load (i32.add (local.get $dy) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $each))))

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
)
