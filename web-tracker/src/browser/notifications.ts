// Optional system notifications. Permission is asked only when the customer presses the button,
// never on load: browsers penalise pages that ask unprompted, and people rightly decline them.
// They are shown through the service worker (web-tracker/public/sw.js) where there is one, since
// Android Chrome allows notifications only from there, and by the page where there is not.

export type NotificationState = 'unsupported' | NotificationPermission;

const WORKER = '/sw.js';

export function notificationState(): NotificationState {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** The worker's registration, once it is installed; registered on the customer's request. */
function worker(): Promise<ServiceWorkerRegistration | undefined> {
  if (!('serviceWorker' in navigator)) return Promise.resolve(undefined);
  return navigator.serviceWorker.getRegistration(WORKER);
}

export async function askForNotifications(): Promise<NotificationState> {
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.requestPermission();
}

/** Installs the worker once notifications are allowed (now, or on an earlier visit). Idempotent. */
export function installNotificationWorker(): void {
  // Without a worker the page's own notifications still work where browsers allow them.
  if ('serviceWorker' in navigator) navigator.serviceWorker.register(WORKER).catch(() => undefined);
}

/**
 * Shows a notification when allowed and the page is out of sight; someone looking at the page
 * already sees the change. `tag` makes a newer notification replace an older one of the same order.
 */
export function notify(title: string, body: string, tag: string): void {
  if (notificationState() !== 'granted' || document.visibilityState === 'visible') return;
  const options = { body, tag, data: { url: window.location.pathname } };
  void worker().then((registration) => {
    if (registration) return registration.showNotification(title, options);
    try {
      new Notification(title, options);
    } catch {
      // A browser that allows notifications only from a worker, and has none: the page says it all.
    }
  });
}
