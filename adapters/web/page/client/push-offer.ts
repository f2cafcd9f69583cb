import { el } from "./dom.js";
import { addItem, note, scrollToEnd } from "./message-log.js";
import { page, ui } from "./ui-text.js";

let offered = false;

/** True when this browser can receive Web Push at all (secure context, service workers, Push API). */
function pushSupported(): boolean {
  return (
    window.isSecureContext &&
    "serviceWorker" in navigator &&
    "PushManager" in window &&
    "Notification" in window
  );
}

/** A VAPID public key (URL-safe base64) as the bytes `pushManager.subscribe` wants. */
function keyBytes(key: string): Uint8Array<ArrayBuffer> {
  const base64 = (key + "=".repeat((4 - (key.length % 4)) % 4)).replace(/-/g, "+").replace(/_/g, "/");
  const raw = atob(base64);
  const out = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

/** Asks for permission (only now, after a tap), subscribes and hands the subscription to the server. */
async function subscribe(key: string, button: HTMLButtonElement): Promise<void> {
  button.disabled = true;
  try {
    const registration = await navigator.serviceWorker.register("/sw.js", { scope: "/" });
    const permission = await Notification.requestPermission();
    if (permission !== "granted") {
      note(ui("pushDenied"));
      return;
    }
    const subscription = await registration.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: keyBytes(key),
    });
    const res = await fetch("/api/chat/push", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      credentials: "same-origin",
      body: JSON.stringify({ subscription: subscription.toJSON() }),
    });
    note(res.ok ? ui("pushOn") : ui("error"));
  } catch {
    note(ui("error"));
  }
}

/**
 * Offers notifications for the coordinator's reply, once per page and only when the server says the
 * visitor is waiting for a reply in the chat. The browser's permission prompt comes only after a tap.
 */
export function offerPush(offer: { key: string } | undefined): void {
  if (!offer || offered || !pushSupported() || Notification.permission === "denied") return;
  offered = true;
  if (Notification.permission === "granted") {
    void navigator.serviceWorker.register("/sw.js", { scope: "/" });
  }
  const li = addItem("note", { lang: page.language, dir: page.dir });
  li.classList.add("push-offer");
  const row = el("div", "push");
  const button = el("button", undefined, ui("pushOffer"));
  button.type = "button";
  button.addEventListener("click", () => void subscribe(offer.key, button).then(() => li.remove()));
  row.append(button);
  li.append(row);
  scrollToEnd();
}
