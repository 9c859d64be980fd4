// A soft two-note chime made with the Web Audio API, so the page ships no audio file. Browsers
// only let a page make sound after a gesture, so the context is created when the customer turns
// the sound on.

let context: AudioContext | null = null;

/** Two notes a fourth apart (E5, A5), each fading in and out quickly: noticeable, not alarming. */
const NOTES = [
  { frequency: 659.25, start: 0 },
  { frequency: 880, start: 0.18 },
];
const NOTE_SECONDS = 0.5;
const VOLUME = 0.12;

export function chimeSupported(): boolean {
  return typeof AudioContext !== 'undefined';
}

/** Call from the click that turns sound on. Plays the chime once so the customer hears the level. */
export function enableChime(): void {
  if (!chimeSupported()) return;
  context ??= new AudioContext();
  void context.resume();
  playChime();
}

export function playChime(): void {
  if (!context) return;
  const now = context.currentTime;
  for (const note of NOTES) {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = note.frequency;
    const start = now + note.start;
    gain.gain.setValueAtTime(0, start);
    gain.gain.linearRampToValueAtTime(VOLUME, start + 0.03);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + NOTE_SECONDS);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(start);
    oscillator.stop(start + NOTE_SECONDS);
  }
}
