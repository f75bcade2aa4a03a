import { redirect } from "react-router";
import type { Route } from "./+types/organisations.$slug_.logo";
import type { ServerArgs } from "../utils/route-args";
import { db } from "../utils/db.server";
import { MAX_LOGO_BYTES, logoRefusedPath, type LogoError } from "../domain/image-type";
import { reencodeLogo } from "../utils/logo-image.server";
import { getOrganisationBySlug, getOrganisationLogo, removeOrganisationLogo, setOrganisationLogo } from "../models/organisation.server";
import { profileVisibility } from "../models/profile-access.server";
import { requireOrganisationEditor } from "../route-helpers/permissions.server";
import { getCurrentUser } from "../utils/auth.server";
import { readFormData } from "../utils/form-data.server";
import { dispatchIntent, orNotFound } from "../utils/http.server";
import { redirectWithToast } from "../utils/toast.server";

/** The logo itself, for everyone who may see the profile. */
export async function loader({ request, params }: ServerArgs<Route.LoaderArgs>) {
  const organisation = orNotFound(await getOrganisationBySlug({ db: db(), slug: params.slug ?? "" }));
  orNotFound(await profileVisibility({ db: db(), organisation, user: await getCurrentUser(request) }));
  const logo = orNotFound(await getOrganisationLogo({ db: db(), organisationId: organisation.id }));
  return new Response(new Uint8Array(logo.bytes), {
    headers: {
      "Content-Type": logo.mimeType,
      "Cache-Control": "private, max-age=3600",
      "Content-Security-Policy": "default-src 'none'",
    },
  });
}

/**
 * Upload and removal, posted by the edit page's logo forms. Every answer is a redirect back to the
 * edit page; a refused file goes back with its message in `?logoError=`, shown at the file field,
 * so the form works the same with and without JavaScript.
 */
export async function action({ request, params }: ServerArgs<Route.ActionArgs>) {
  const { user, organisation } = await requireOrganisationEditor(request, params.slug ?? "");
  const editPath = `/organisations/${organisation.slug}/edit`;
  const refuse = (error: LogoError) => redirect(logoRefusedPath(organisation.slug, error));
  const form = await readLogoForm(request);
  if (!form.ok) return refuse(form.error);
  return dispatchIntent(form.formData, {
    uploadLogo: async () => {
      const file = form.formData.get("logo");
      if (!(file instanceof File) || file.size === 0) return refuse("form.logoMissing");
      // Stored and served: the re-encoded image, never the uploaded bytes.
      const logo = await reencodeLogo(new Uint8Array(await file.arrayBuffer()));
      if (!logo) return refuse("form.logoType");
      await setOrganisationLogo({ db: db(), organisationId: organisation.id, actorUserId: user.id, mimeType: logo.mimeType, bytes: logo.bytes });
      return redirectWithToast(editPath, { key: "edit.logoSaved" });
    },
    removeLogo: async () => {
      await removeOrganisationLogo({ db: db(), organisationId: organisation.id, actorUserId: user.id });
      return redirectWithToast(editPath, { key: "edit.logoRemoved" });
    },
  });
}

/**
 * The upload form is multipart: one file, in the `logo` field, of at most 2 MB; the removal form is
 * not. The platform's parser reads the whole body, which the server's body limit has already bounded
 * (http/body-limit.ts), so a second file or an oversized one is refused after reading, not buffered
 * without end.
 */
async function readLogoForm(request: Request): Promise<{ ok: true; formData: FormData } | { ok: false; error: LogoError }> {
  if (!(request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    return { ok: true, formData: await readFormData(request) };
  }
  let formData: FormData;
  try {
    formData = await request.formData();
  } catch {
    return { ok: false, error: "form.logoType" };
  }
  const files = [...formData.values()].filter((value): value is File => value instanceof File);
  if (files.length > 1) return { ok: false, error: "form.logoOneFile" };
  const logo = formData.get("logo");
  if (logo instanceof File && logo.size > MAX_LOGO_BYTES) return { ok: false, error: "form.logoSize" };
  return { ok: true, formData };
}
