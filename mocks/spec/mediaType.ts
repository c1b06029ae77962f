/** The media type of a message, without parameters, in lower case ('' when absent); header names in lower case. */
export function mediaType(headers: Readonly<Record<string, string>>): string {
  return (headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}
