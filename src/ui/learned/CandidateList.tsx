import { useMemo } from 'react';
import { candidateCount } from '../../cpc/losses/negatives';
import type { TargetInspection } from '../../cpc/model/inspect';
import { EXPLAIN, trainingCandidates } from '../explain/explanations';
import { Explained } from '../explain/Explained';
import { usePlayground } from '../store/usePlayground';
import type { InspectionEvent } from './inspectionTypes';
import { PixelCanvas } from './PixelCanvas';
import { patchRgba } from './pixels';

const THUMB_SCALE = 3;

/** For each step ahead: the model's five best-scoring patches of the batch, the true one marked. */
export function CandidateList({ inspection }: { inspection: InspectionEvent }) {
  const pool = inspection.images.count * inspection.geometry.grid ** 2;
  const config = usePlayground((s) => s.appliedConfig);
  const training = trainingCandidates(config, candidateCount(config, inspection.geometry.grid));
  return (
    <div className="candidates">
      {inspection.prediction.targets.map((target) => (
        <TargetCandidates
          key={target.k}
          inspection={inspection}
          target={target}
          pool={pool}
          training={training}
        />
      ))}
    </div>
  );
}

function TargetCandidates({
  inspection,
  target,
  pool,
  training,
}: {
  inspection: InspectionEvent;
  target: TargetInspection;
  pool: number;
  /** The candidates training scores each prediction against, in words. */
  training: string;
}) {
  const { patches, geometry } = inspection;
  const thumbs = useMemo(
    () => target.top.map((c) => patchRgba(patches, c.pool, geometry.patchSize, geometry.channels)),
    [patches, target, geometry],
  );
  const truePatch = useMemo(
    () => patchRgba(patches, target.truePool, geometry.patchSize, geometry.channels),
    [patches, target, geometry],
  );
  const rankText = `true patch ranked ${target.trueRank} of ${pool}`;
  return (
    <figure className="target-candidates" data-testid="patch-candidates" data-rank={target.trueRank}>
      <figcaption>
        k = {target.k} (row {target.row + 1}, col {target.col + 1}):{' '}
        <Explained
          text={EXPLAIN.trueRank(target.trueRank, pool, inspection.images.count, training)}
          testId="true-rank-explained"
        >
          <strong data-testid="true-rank">{rankText}</strong>
        </Explained>
      </figcaption>
      <ol
        className="candidate-row"
        aria-label={`Top ${target.top.length} candidates for k = ${target.k}, best first`}
      >
        <li className="candidate candidate-true" title="The true patch">
          <PixelCanvas image={truePatch} scale={THUMB_SCALE} aria-hidden />
          <Explained text={EXPLAIN.trueScore}>
            <span>true {target.trueScore.toFixed(2)}</span>
          </Explained>
        </li>
        {target.top.map((candidate, i) => {
          const isTrue = candidate.pool === target.truePool;
          return (
            <li
              key={candidate.pool}
              className={isTrue ? 'candidate candidate-hit' : 'candidate'}
              data-testid="patch-candidate"
              aria-label={`Rank ${i + 1}, score ${candidate.score.toFixed(2)}${isTrue ? ', the true patch' : ''}`}
            >
              <PixelCanvas image={thumbs[i]} scale={THUMB_SCALE} aria-hidden />
              <Explained text={EXPLAIN.candidateScore} testId="candidate-score">
                <span>
                  {isTrue ? '✓ ' : ''}
                  {candidate.score.toFixed(2)}
                </span>
              </Explained>
            </li>
          );
        })}
      </ol>
    </figure>
  );
}
