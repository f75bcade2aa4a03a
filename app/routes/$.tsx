import { notFound } from "../utils/http.server";

export async function loader() {
  throw notFound();
}

export default function NotFound() {
  return null;
}
