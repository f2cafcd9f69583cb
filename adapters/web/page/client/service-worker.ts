/**
 * The web chat's service worker (served as /sw.js): shows the notice "a new reply is waiting" when
 * a Web Push arrives, and opens or focuses the chat when it is tapped. The push text comes from the
 * server in the visitor's language and carries no personal data.
 */

/** The parts of the service worker scope we use (the project's tsconfig has the DOM lib, not WebWorker). */
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface PushEvent extends ExtendableEvent {
  readonly data: { json(): unknown; text(): string } | null;
}
interface NotificationEvent extends ExtendableEvent {
  readonly notification: Notification;
}
interface WindowClientLike {
  readonly url: string;
  focus(): Promise<unknown>;
}
interface ServiceWorkerScope {
  addEventListener(type: "push", listener: (event: PushEvent) => void): void;
  addEventListener(type: "notificationclick", listener: (event: NotificationEvent) => void): void;
  addEventListener(type: "install" | "activate", listener: (event: ExtendableEvent) => void): void;
  skipWaiting(): Promise<void>;
  readonly registration: ServiceWorkerRegistration;
  readonly clients: {
    claim(): Promise<void>;
    matchAll(options: { type: "window"; includeUncontrolled: boolean }): Promise<readonly WindowClientLike[]>;
    openWindow(url: string): Promise<unknown>;
  };
  readonly location: Location;
}

const sw = self as unknown as ServiceWorkerScope;

/** The notice as the server sends it; anything else falls back to a neutral German text. */
interface PushNotice {
  title: string;
  body: string;
  lang?: string;
  dir?: "ltr" | "rtl";
}

function readNotice(event: PushEvent): PushNotice {
  try {
    const data = event.data?.json() as Partial<PushNotice> | undefined;
    if (data && typeof data.title === "string" && typeof data.body === "string") return data as PushNotice;
  } catch {
    // not JSON: fall through
  }
  return { title: "Patenschaft-Finder", body: event.data?.text() ?? "" };
}

sw.addEventListener("install", (event) => event.waitUntil(sw.skipWaiting()));
sw.addEventListener("activate", (event) => event.waitUntil(sw.clients.claim()));

sw.addEventListener("push", (event) => {
  const notice = readNotice(event);
  event.waitUntil(
    sw.registration.showNotification(notice.title, {
      body: notice.body,
      lang: notice.lang ?? "",
      dir: notice.dir ?? "auto",
      tag: "patenschaft-reply",
    }),
  );
});

sw.addEventListener("notificationclick", (event) => {
  event.notification.close();
  event.waitUntil(
    (async () => {
      const open = await sw.clients.matchAll({ type: "window", includeUncontrolled: true });
      const chat = open.find((c) => new URL(c.url).origin === sw.location.origin);
      if (chat) await chat.focus();
      else await sw.clients.openWindow("/");
    })(),
  );
});
