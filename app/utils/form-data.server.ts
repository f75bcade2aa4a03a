import { badRequest } from "./http.server";

/**
 * The submitted form, or a 400 when the body is not a form (no or wrong Content-Type, a broken
 * body): such a request gets the "could not be understood" page, never a 500.
 */
export async function readFormData(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw badRequest();
  }
}
