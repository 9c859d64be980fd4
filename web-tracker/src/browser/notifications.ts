// Optional system notifications. Permission is asked only when the customer presses the button,
// never on load: browsers penalise pages that ask unprompted, and people rightly decline them.

export type NotificationState = 'unsupported' | NotificationPermission;

export function notificationState(): NotificationState {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

export async function askForNotifications(): Promise<NotificationState> {
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.requestPermission();
}

/**
 * Shows a notification when allowed and the page is out of sight; someone looking at the page
 * already sees the change. `tag` makes a newer notification replace an older one of the same order.
 */
export function notify(title: string, body: string, tag: string): void {
  if (notificationState() !== 'granted' || document.visibilityState === 'visible') return;
  try {
    new Notification(title, { body, tag });
  } catch {
    // Android Chrome allows notifications only from a service worker; the page still says it all.
  }
}
