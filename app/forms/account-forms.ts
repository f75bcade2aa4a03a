import { z } from "zod";
import { email, password } from "../utils/forms";

/**
 * The account's own forms (the log-in and sign-up forms are in `app/utils/forms.ts`): their
 * schemas, which the server parses with and the pages take their inputs' limits from.
 */

export const forgotPasswordSchema = z.object({ email });

export const resetPasswordSchema = z.object({ password });

/** A password typed to prove who asks: any length the log-in form takes. */
const currentPassword = z.string({ required_error: "form.required" }).min(1, "form.required").max(1024, "form.tooLong");

export const changePasswordSchema = z.object({ currentPassword, newPassword: password });

export const deleteAccountSchema = z.object({ password: currentPassword });
