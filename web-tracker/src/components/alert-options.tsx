// Ways to hear about changes while not looking at the page. Both are off until the customer asks:
// notifications are requested by the button, never on load; the chime is off by default.
import { useEffect, useState } from 'react';
import { chimeSupported, enableChime } from '../browser/chime.ts';
import { askForNotifications, installNotificationWorker, notificationState, type NotificationState } from '../browser/notifications.ts';

const NOTIFICATION_COPY: Record<Exclude<NotificationState, 'default'>, string> = {
  granted: 'Notifications are on: we’ll tell you when the status changes.',
  denied: 'Notifications are blocked for this site, so we can’t alert you. To get them, allow notifications for this site in your browser’s settings; this page still shows every change.',
  unsupported: '',
};

export function AlertOptions({ sound, onSoundChange, offerSound }: { sound: boolean; onSoundChange: (on: boolean) => void; offerSound: boolean }) {
  const [permission, setPermission] = useState(notificationState);
  useEffect(() => {
    if (permission === 'granted') installNotificationWorker();
  }, [permission]);

  function toggleSound() {
    if (!sound) enableChime();
    onSoundChange(!sound);
  }

  return (
    <section className="alert-options" aria-label="Alerts">
      {permission === 'default' ? (
        <button type="button" className="button button--secondary" onClick={() => void askForNotifications().then(setPermission)}>
          Notify me when it changes
        </button>
      ) : (
        NOTIFICATION_COPY[permission] && <p className="alert-options__note">{NOTIFICATION_COPY[permission]}</p>
      )}
      {offerSound && chimeSupported() && (
        <button type="button" className="button button--secondary" aria-pressed={sound} onClick={toggleSound}>
          Sound when ready
          {/* The state is aria-pressed for screen readers; the word is for everyone else. */}
          <span aria-hidden="true">: {sound ? 'on' : 'off'}</span>
        </button>
      )}
    </section>
  );
}
