import { useEffect, useId, useRef } from 'react';
import type { CpcConfig } from '../../cpc/config';
import { guidedLessonById } from '../../lessons';
import type { TryThis } from '../../lessons/types';
import { isEssentialField } from '../model/essentialFields';
import { pendingRestartKeys } from '../store/configLogic';
import { usePlayground } from '../store/usePlayground';
import type { GuidedLessonLink } from './lessonUrl';
import { useLessonTracking } from './useLessonTracking';
import { useLessonUrl } from './useLessonUrl';
import './lessons.css';

/**
 * The open guided lesson, as a bar above the panels: it pushes them down rather than covering the grid
 * or the controls a step talks about. `start` is the lesson a link asked for.
 */
export function GuidedLessonDrawer({ start }: { start: GuidedLessonLink | null }) {
  const openLesson = usePlayground((s) => s.openGuidedLesson);
  useEffect(() => {
    if (start) openLesson(start.id, start.stepIndex);
  }, [start, openLesson]);
  useLessonTracking();
  useLessonUrl();
  const open = usePlayground((s) => s.guidedLesson);
  const lesson = open && guidedLessonById(open.id);
  if (!open || !lesson) return null;
  return <LessonStepView key={`${open.id}:${open.stepIndex}`} />;
}

function LessonStepView() {
  const titleId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const open = usePlayground((s) => s.guidedLesson);
  const goTo = usePlayground((s) => s.goToLessonStep);
  const close = usePlayground((s) => s.closeGuidedLesson);
  // A new step moves the focus to its heading, so keyboard and screen-reader users start reading there.
  useEffect(() => heading.current?.focus(), []);
  const lesson = open && guidedLessonById(open.id);
  const asksField = fieldToSet(lesson ? lesson.steps[open?.stepIndex ?? 0]?.tryThis : undefined);
  // A "try this" on a field under "Advanced settings" opens that section, so the field is there to change.
  useEffect(() => {
    if (asksField && !isEssentialField(asksField)) openAdvancedSettings();
  }, [asksField]);
  if (!open || !lesson) return null;
  const index = open.stepIndex;
  const step = lesson.steps[index];
  const last = index === lesson.steps.length - 1;
  return (
    <aside
      className="lesson-drawer"
      aria-labelledby={titleId}
      data-testid="lesson-drawer"
      data-lesson={lesson.id}
      onKeyDown={(event) => event.key === 'Escape' && close()}
    >
      <header className="lesson-drawer-header">
        <p className="lesson-title">{lesson.title}</p>
        <p className="lesson-progress" data-testid="lesson-step">
          Step {index + 1} of {lesson.steps.length}
        </p>
        <button
          type="button"
          className="quiet"
          data-testid="lesson-close"
          onClick={close}
          aria-label="Close the lesson"
        >
          ×
        </button>
      </header>
      <div className="lesson-body">
        <div className="lesson-text">
          <h2 id={titleId} ref={heading} tabIndex={-1}>
            {step.title}
          </h2>
          {step.text.map((paragraph) => (
            <p key={paragraph}>{paragraph}</p>
          ))}
        </div>
        <div className="lesson-side">
          <PendingSetup />
          {step.tryThis && <TryThisBox tryThis={step.tryThis} done={open.done} />}
          <nav className="lesson-nav" aria-label="Lesson steps">
            <button
              type="button"
              data-testid="lesson-back"
              disabled={index === 0}
              onClick={() => goTo(index - 1)}
            >
              ← Back
            </button>
            {last ? (
              <button type="button" className="primary" data-testid="lesson-finish" onClick={close}>
                Finish
              </button>
            ) : (
              <button
                type="button"
                className="primary"
                data-testid="lesson-next"
                onClick={() => goTo(index + 1)}
              >
                Next →
              </button>
            )}
          </nav>
        </div>
      </div>
    </aside>
  );
}

function TryThisBox({ tryThis, done }: { tryThis: TryThis; done: boolean }) {
  return (
    <p className="lesson-try" data-testid="lesson-try" data-done={done} aria-live="polite">
      <span className="lesson-tick" aria-hidden="true">
        {done ? '✓' : '○'}
      </span>{' '}
      <strong>Try this:</strong> {tryThis.prompt}
      <span className="lesson-sr-only">{done ? ' (done)' : ' (not done yet)'}</span>
    </p>
  );
}

/** A step's setup that waits for the user's word because the model has trained (it discards the weights). */
function PendingSetup() {
  const pending = usePlayground(
    (s) =>
      s.fittedDataset?.status === 'pending' || pendingRestartKeys(s.appliedConfig, s.draftConfig).length > 0,
  );
  const step = usePlayground((s) => s.run.step);
  const apply = usePlayground((s) => s.applyPendingLessonSetup);
  if (!pending) return null;
  return (
    <p className="lesson-pending" data-testid="lesson-pending">
      This step needs a new model; building it discards the {step} steps trained so far.{' '}
      <button type="button" data-testid="lesson-apply" onClick={apply}>
        Rebuild now
      </button>
    </p>
  );
}

/** The config field a "try this" asks the student to set, if it asks for one. */
function fieldToSet(tryThis: TryThis | undefined): keyof CpcConfig | null {
  return tryThis?.check.kind === 'config-equals' ? tryThis.check.field : null;
}

function openAdvancedSettings(): void {
  const advanced = document.querySelector<HTMLDetailsElement>('details[data-testid="advanced-settings"]');
  if (advanced) advanced.open = true;
}
