import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { currentTheme } from "@/components/ui/current-theme";
import { TRPCReactProvider } from "@/lib/trpc/client";
import { mono, sans } from "./fonts";
import "./globals.css";

const description = "Draw workflows out of MCP tools, run them, and watch every step live.";
// The social preview (public/og-image.png); relative URLs resolve against the deployment's origin.
const socialImage = {
  url: "/og-image.png",
  width: 1200,
  height: 630,
  alt: "Tryliate: workflows out of MCP tools",
};

// Absolute URLs of the social preview: the configured public origin (Vercel supplies its own when unset).
const appUrl = process.env.TRYLIATE_APP_URL;

export const metadata: Metadata = {
  ...(appUrl && URL.canParse(appUrl) ? { metadataBase: new URL(appUrl) } : {}),
  title: { default: "Tryliate", template: "%s · Tryliate" },
  description,
  applicationName: "Tryliate",
  icons: {
    icon: [
      { url: "/favicon.ico", sizes: "16x16 32x32 48x48" },
      { url: "/logo.svg", type: "image/svg+xml" },
    ],
    apple: { url: "/apple-touch-icon.png", sizes: "180x180" },
  },
  openGraph: { type: "website", siteName: "Tryliate", title: "Tryliate", description, images: [socialImage] },
  twitter: { card: "summary_large_image", title: "Tryliate", description, images: [socialImage] },
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: dark)", color: "#0d0f14" },
    { media: "(prefers-color-scheme: light)", color: "#f7f8fa" },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request, so Next.js can give its scripts the request's CSP nonce.
  await connection();
  const theme = await currentTheme();
  return (
    <html
      lang="en"
      className={`${sans.variable} ${mono.variable}`}
      data-theme={theme === "system" ? undefined : theme}
    >
      <body>
        <TRPCReactProvider>{children}</TRPCReactProvider>
      </body>
    </html>
  );
}
