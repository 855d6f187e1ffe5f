import Image from "next/image";
import styles from "./logo.module.css";

/** The Tryliate mark (three linked nodes, public/logo.svg) and word. */
export function Logo({ withWord = true }: { withWord?: boolean }) {
  return (
    <span className={styles.logo}>
      <Image src="/logo.svg" width={24} height={24} alt="" unoptimized />
      {withWord ? <span className={styles.word}>Tryliate</span> : null}
    </span>
  );
}
