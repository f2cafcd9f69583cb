import type { WebVisitor } from "./web-chat-client.js";

/** Köln Dom, where the sample catalogue has projects nearby. */
export const KOELN = { lat: 50.9413, lon: 6.9583 };

/** Journeys of a web chat family, by button ids (the engine's own payloads). */
export class WebChatVisitorFlow {
  constructor(private readonly visitor: WebVisitor) {}

  /** From the greeting to a request answered "here in the chat", without a message. */
  async familyToChatRequest(): Promise<void> {
    const v = this.visitor;
    await v.choose("role:family");
    await v.choose("age:6-9");
    await v.choose("focus:reading");
    await v.send({ type: "location", ...KOELN });
    await v.choose("proj:");
    await v.choose("contact:");
    await v.choose("consent:yes");
    await v.choose("way:chat");
    await v.choose("msg:skip");
  }
}
