"use client";

import dynamic from "next/dynamic";
import styles from "./landing-preview.module.css";

/** React Flow loads after the page, so the landing page's first paint does not wait for it. */
export const LazyProductPreview = dynamic(() => import("./product-preview").then((m) => m.ProductPreview), {
  ssr: false,
  loading: () => <div className={`${styles.frame} ${styles.placeholder}`} aria-hidden />,
});
