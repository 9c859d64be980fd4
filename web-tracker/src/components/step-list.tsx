import { formatTime } from '../format.ts';
import type { StepView } from '../order/steps.ts';

/** The order's steps, each with its state as an icon and in words, and when it was reached. */
export function StepList({ steps }: { steps: StepView[] }) {
  return (
    <ol className="steps">
      {steps.map((step) => (
        <li key={step.status} className={`step step--${step.mark}`} aria-current={step.mark === 'current' ? 'step' : undefined}>
          <span className="step__icon" aria-hidden="true">
            {step.icon}
          </span>
          <span className="step__label">{step.label}</span>
          <span className="step__state">
            {step.stateText}
            {step.reachedAt && (
              <>
                {' · '}
                <time dateTime={step.reachedAt}>{formatTime(step.reachedAt)}</time>
              </>
            )}
          </span>
        </li>
      ))}
    </ol>
  );
}
