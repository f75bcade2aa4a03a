import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "../utils/db.server";
import { getOrganisationLogo, requireOrganisationBySlug } from "../models/organisation.server";
import { profileVisibility } from "../models/profile-access.server";
import { getCurrentUser } from "../utils/auth.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const organisation = await requireOrganisationBySlug({ db: db(), slug: params.slug ?? "" });
  await profileVisibility({ db: db(), organisation, user: await getCurrentUser(request) });
  const logo = await getOrganisationLogo({ db: db(), organisationId: organisation.id });
  if (!logo) throw new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(logo.bytes), {
    headers: {
      "Content-Type": logo.mime_type,
      "Cache-Control": "private, max-age=3600",
      "Content-Security-Policy": "default-src 'none'",
    },
  });
}
