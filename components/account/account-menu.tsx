"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { Avatar } from "@/components/ui/avatar";
import styles from "./account-menu.module.css";

export type AccountMenuUser = {
  email: string | null;
  displayName: string | null;
  avatarUrl: string | null;
  color: string;
};

/** The signed-in user's avatar; opens a menu with their name, the account page and sign-out. */
export function AccountMenu({ user }: { user: AccountMenuUser }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const name = user.displayName || user.email || "Account";

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (
        event instanceof KeyboardEvent
          ? event.key === "Escape"
          : !root.current?.contains(event.target as Node)
      ) {
        setOpen(false);
      }
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open]);

  return (
    <div className={styles.root} ref={root}>
      <button
        type="button"
        className={styles.trigger}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={`Account menu for ${name}`}
        onClick={() => setOpen((value) => !value)}
      >
        <Avatar name={name} imageUrl={user.avatarUrl} color={user.color} size={28} />
        <span className={styles.triggerName}>{name}</span>
        <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden className={styles.chevron}>
          <path
            d="M3 4.5 6 7.5 9 4.5"
            stroke="currentColor"
            strokeWidth="1.5"
            fill="none"
            strokeLinecap="round"
          />
        </svg>
      </button>
      {open ? (
        <div className={styles.menu} role="menu" aria-label="Account">
          <div className={styles.identity}>
            <Avatar name={name} imageUrl={user.avatarUrl} color={user.color} size={36} />
            <div className={styles.identityText}>
              <span className={styles.name}>{name}</span>
              {user.email ? (
                <span className={styles.email} data-testid="account-email">
                  {user.email}
                </span>
              ) : null}
            </div>
          </div>
          <div className={styles.separator} />
          <Link href="/account" role="menuitem" className={styles.item} onClick={() => setOpen(false)}>
            Profile settings
          </Link>
          <form action="/auth/signout" method="post">
            <button type="submit" role="menuitem" className={`${styles.item} ${styles.danger}`}>
              Sign out
            </button>
          </form>
        </div>
      ) : null}
    </div>
  );
}
