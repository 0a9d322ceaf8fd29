import { useCallback, useState } from 'react';

/** How the desk wants to be told of a new hit besides the screen: a tone, a browser notification, or both. */
export interface HitAlertPreference {
  sound: boolean;
  notification: boolean;
}

const KEY = 'interlink.hubDesk.alerts';

function readPreference(): HitAlertPreference {
  try {
    const parsed = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<HitAlertPreference>;
    return { sound: parsed.sound === true, notification: parsed.notification === true };
  } catch {
    return { sound: false, notification: false };
  }
}

/** The desk's choice, kept in the browser (it is a setting of the workstation, not personal data). */
export function useHitAlertPreference(): [HitAlertPreference, (next: HitAlertPreference) => void] {
  const [preference, setPreference] = useState<HitAlertPreference>(readPreference);
  const save = useCallback((next: HitAlertPreference) => {
    localStorage.setItem(KEY, JSON.stringify(next));
    setPreference(next);
  }, []);
  return [preference, save];
}

let audio: AudioContext | null = null;

/**
 * Makes the tone playable: browsers start audio only after a user gesture, so this is called from the click
 * that turns the sound on.
 */
export function unlockSound(): void {
  audio ??= new AudioContext();
  void audio.resume();
}

/** A short two-tone beep (880 Hz then 660 Hz, a quarter second), loud enough across a desk. */
export function beep(): void {
  if (audio === null) {
    unlockSound();
  }
  const ctx = audio!;
  const start = ctx.currentTime;
  [880, 660].forEach((frequency, i) => {
    const oscillator = ctx.createOscillator();
    const gain = ctx.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start + i * 0.14);
    gain.gain.exponentialRampToValueAtTime(0.3, start + i * 0.14 + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + i * 0.14 + 0.12);
    oscillator.connect(gain).connect(ctx.destination);
    oscillator.start(start + i * 0.14);
    oscillator.stop(start + i * 0.14 + 0.13);
  });
}

/** Asks the browser for permission to notify; true when granted. */
export async function allowNotifications(): Promise<boolean> {
  if (!('Notification' in window)) {
    return false;
  }
  if (Notification.permission === 'granted') {
    return true;
  }
  return (await Notification.requestPermission()) === 'granted';
}

/** A browser notification, shown even when the desk's tab is in the background; clicking it returns to it. */
export function notify(title: string, body: string, tag: string): void {
  if (!('Notification' in window) || Notification.permission !== 'granted') {
    return;
  }
  const n = new Notification(title, { body, tag });
  n.onclick = () => {
    window.focus();
    n.close();
  };
}
