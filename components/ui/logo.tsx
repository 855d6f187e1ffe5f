import styles from "./logo.module.css";

/** The Tryliate mark (three linked nodes) and word. */
export function Logo({ withWord = true }: { withWord?: boolean }) {
  return (
    <span className={styles.logo}>
      <svg width="24" height="24" viewBox="0 0 24 24" aria-hidden>
        <defs>
          <linearGradient id="tryliate-logo" x1="0" y1="0" x2="1" y2="1">
            <stop offset="0" stopColor="#8f81ff" />
            <stop offset="1" stopColor="#22c3e6" />
          </linearGradient>
        </defs>
        <rect width="24" height="24" rx="7" fill="url(#tryliate-logo)" />
        <path d="M7 8.5 L12 15.5 L17 8.5" stroke="#fff" strokeWidth="1.8" fill="none" strokeLinecap="round" />
        <circle cx="7" cy="8.5" r="2.2" fill="#fff" />
        <circle cx="17" cy="8.5" r="2.2" fill="#fff" />
        <circle cx="12" cy="15.5" r="2.2" fill="#fff" />
      </svg>
      {withWord ? <span className={styles.word}>Tryliate</span> : null}
    </span>
  );
}
