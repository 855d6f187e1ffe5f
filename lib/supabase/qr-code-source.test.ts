import { describe, expect, it } from "vitest";
import { qrCodeSource } from "./qr-code-source";

const svg =
  '<svg xmlns="http://www.w3.org/2000/svg" width="100%"><path fill="#000000" d="M0 0h1v1H0z"/></svg>';

describe("qrCodeSource", () => {
  it("percent-encodes a raw SVG, so its '#' no longer ends the URL", () => {
    const source = qrCodeSource(`data:image/svg+xml;utf-8,${svg}`);
    expect(source).not.toContain("#");
    expect(source.startsWith("data:image/svg+xml;utf-8,")).toBe(true);
    expect(decodeURIComponent(source.slice(source.indexOf(",") + 1))).toBe(svg);
  });

  it("leaves an encoded or base64 URL as it is", () => {
    const encoded = `data:image/svg+xml;utf-8,${encodeURIComponent(svg)}`;
    expect(qrCodeSource(encoded)).toBe(encoded);
    const base64 = `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
    expect(qrCodeSource(base64)).toBe(base64);
  });
});
