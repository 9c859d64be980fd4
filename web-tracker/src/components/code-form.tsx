// The field where a customer types or pastes a tracking code. Accepts any case, spaces and dashes;
// says plainly when what was typed cannot be a code.
import { useId, useState, type FormEvent } from 'react';
import { navigate } from '../routing/navigation.tsx';
import { normaliseTrackingCode } from '../../../shared/tracking-code.ts';
import { trackingPath } from '../routing/routes.ts';

export function CodeForm({ label = 'Tracking code' }: { label?: string }) {
  const id = useId();
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = normaliseTrackingCode(typed);
    if (code) return navigate(trackingPath(code));
    setProblem(
      typed.trim()
        ? 'That doesn’t look like a tracking code. It has 20 letters and digits; you’ll find it on your receipt or at the end of your tracking link.'
        : 'Enter the tracking code from your receipt.',
    );
  }

  return (
    <form className="code-form" onSubmit={submit} noValidate>
      <label htmlFor={`${id}-code`}>{label}</label>
      <input
        id={`${id}-code`}
        name="code"
        value={typed}
        onChange={(event) => {
          setTyped(event.target.value);
          setProblem(null);
        }}
        autoComplete="off"
        autoCapitalize="none"
        autoCorrect="off"
        spellCheck={false}
        placeholder="e.g. 7k3m-9q2x-…"
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-problem` : undefined}
      />
      {problem && (
        <p id={`${id}-problem`} className="field-error">
          {problem}
        </p>
      )}
      <button type="submit" className="button">
        Track order
      </button>
    </form>
  );
}
