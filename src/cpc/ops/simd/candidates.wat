;; The candidates' scores and their gradients (src/cpc/ops/wasmCandidateDots.ts).
;; SIMD on tfjs-wasm's own heap: the module imports its WebAssembly.Memory (simdKernels.ts). Addresses
;; are byte offsets into that memory; sizes and strides count float32 values. `npm run build:simd`
;; compiles every .wat here into simdKernelsWasm.ts.
(module
  (import "env" "memory" (memory 0))

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
)
