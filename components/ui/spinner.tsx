import styles from "./spinner.module.css";

/** A spinning ring; with a label it is announced as a status, without one it is decoration. */
export function Spinner({ size = 16, label }: { size?: number; label?: string }) {
  const style = { width: size, height: size };
  if (label) {
    return (
      <span role="status" className={styles.spinner} style={style}>
        <span className="visually-hidden">{label}</span>
      </span>
    );
  }
  return <span className={styles.spinner} style={style} aria-hidden />;
}
