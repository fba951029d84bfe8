// Short tones made on the spot with WebAudio: no sound files to ship, and nothing to load before
// the first scan. A cashier looking at the customer hears whether the scan was taken.
import type { Feedback } from '../state/posStore';

let context: AudioContext | null = null;

function tone(frequencyHz: number, durationMs: number, type: OscillatorType, volume: number): void {
  if (typeof AudioContext === 'undefined') return;
  context ??= new AudioContext();
  const audio = context;
  if (audio.state === 'suspended') void audio.resume();
  const start = audio.currentTime;
  const end = start + durationMs / 1000;
  const oscillator = audio.createOscillator();
  const gain = audio.createGain();
  oscillator.type = type;
  oscillator.frequency.setValueAtTime(frequencyHz, start);
  gain.gain.setValueAtTime(volume, start);
  gain.gain.exponentialRampToValueAtTime(0.0001, end);
  oscillator.connect(gain).connect(audio.destination);
  oscillator.start(start);
  oscillator.stop(end);
}

export const sounds: Feedback = {
  scanAccepted: () => tone(2400, 45, 'sine', 0.2),
  error: () => {
    tone(200, 320, 'square', 0.12);
  },
};
