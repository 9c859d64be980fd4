// New tracking codes: 100 random bits, so codes cannot be guessed or enumerated.
import { TRACKING_CODE_LENGTH, randomCode } from '../../shared/tracking-code.ts';

export function newTrackingCode(): string {
  return randomCode(TRACKING_CODE_LENGTH);
}
