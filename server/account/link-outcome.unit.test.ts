import { AuthApiError, AuthPKCECodeVerifierMissingError } from "@supabase/supabase-js";
import { describe, expect, it } from "vitest";
import { confirmedDestination, isEmailLinkType, linkProblem, oauthProblem } from "./link-outcome";

const app = { appOrigin: "https://app.example", signedIn: true };

describe("confirmedDestination", () => {
  it("sends recovery and invite links to the new-password page, whatever next says", () => {
    expect(confirmedDestination("recovery", "https://evil.example", app)).toBe("/reset-password");
    expect(confirmedDestination("invite", "/workflows", app)).toBe("/reset-password?invited=1");
  });
  it("sends an email change to the account page, saying whether the other address still has to confirm", () => {
    expect(confirmedDestination("email_change", null, app)).toBe("/account?notice=email-changed");
    expect(confirmedDestination("email_change", null, { ...app, signedIn: false })).toBe(
      "/account?notice=email-change-half",
    );
  });
  it("sends sign-up and magic links to next through the sign-in redirect check", () => {
    expect(confirmedDestination("signup", "https://app.example/workflows/7", app)).toBe("/workflows/7");
    expect(confirmedDestination("magiclink", "/connections", app)).toBe("/connections");
    expect(confirmedDestination("email", "https://evil.example/", app)).toBe("/workflows");
    expect(confirmedDestination("signup", "//evil.example", app)).toBe("/workflows");
    expect(confirmedDestination("magiclink", null, app)).toBe("/workflows");
  });
});

describe("isEmailLinkType", () => {
  it("knows GoTrue's link types only", () => {
    expect(isEmailLinkType("recovery")).toBe(true);
    expect(isEmailLinkType("sms")).toBe(false);
    expect(isEmailLinkType(null)).toBe(false);
  });
});

describe("problems", () => {
  it("words an expired link apart from any other bad one", () => {
    expect(linkProblem(new AuthApiError("Email link is invalid or has expired", 403, "otp_expired"))).toBe(
      "link_expired",
    );
    expect(linkProblem(new AuthApiError("nope", 400, "validation_failed"))).toBe("link_invalid");
    expect(linkProblem(new AuthApiError("down", 500, "unexpected_failure"))).toBe("service");
  });
  it("tells a wrong state or a missing verifier from a denied or expired OAuth sign-in", () => {
    expect(oauthProblem("bad_oauth_state", null)).toBe("oauth_state");
    expect(oauthProblem("access_denied", null)).toBe("oauth_denied");
    expect(oauthProblem(null, new AuthPKCECodeVerifierMissingError())).toBe("oauth_state");
    expect(oauthProblem(null, new AuthApiError("gone", 404, "flow_state_not_found"))).toBe("oauth_expired");
    expect(oauthProblem("something_else", null)).toBe("oauth_failed");
  });
});
