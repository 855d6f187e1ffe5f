/** WCAG relative luminance of a #rrggbb colour (0 black … 1 white); undefined for anything else. */
function luminance(color: string): number | undefined {
  const match = /^#([0-9a-f]{6})$/i.exec(color.trim());
  if (!match?.[1]) return undefined;
  const hex = match[1];
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** White or near-black, whichever reads better on the given background colour. */
export function readableTextOn(background: string): "#ffffff" | "#0d0f14" {
  const l = luminance(background);
  if (l === undefined) return "#ffffff";
  const onWhite = 1.05 / (l + 0.05);
  const onDark = (l + 0.05) / (0.0053 + 0.05);
  return onWhite >= onDark ? "#ffffff" : "#0d0f14";
}
