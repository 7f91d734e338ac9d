/** A request path's decoded segments and its query string (a full URL or a path with `?…` both work). */
export function splitPath(rawPath: string): { segments: string[]; search: string } {
  let target = rawPath;
  if (/^https?:\/\//i.test(target)) {
    const url = new URL(target);
    target = `${url.pathname}${url.search}`;
  }
  const hashAt = target.indexOf('#');
  if (hashAt >= 0) target = target.slice(0, hashAt);
  const queryAt = target.indexOf('?');
  const search = queryAt >= 0 ? target.slice(queryAt + 1) : '';
  let pathname = queryAt >= 0 ? target.slice(0, queryAt) : target;
  if (pathname.length > 1 && pathname.endsWith('/')) pathname = pathname.slice(0, -1);
  const segments = pathname
    .split('/')
    .slice(1)
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    });
  return { segments, search };
}

const templateSegments = new Map<string, (string | null)[]>();

/** A template's segments: the literal text, or null for a `{parameter}`. A trailing slash is not a segment. */
function segmentsOf(template: string): (string | null)[] {
  let segments = templateSegments.get(template);
  if (!segments) {
    const trimmed = template.length > 1 && template.endsWith('/') ? template.slice(0, -1) : template;
    segments = trimmed
      .split('/')
      .slice(1)
      .map((segment) => (/^\{[^}]+\}$/.test(segment) ? null : segment));
    templateSegments.set(template, segments);
  }
  return segments;
}

/** Among templates that match, a literal segment beats a parameter at the first position where they differ. */
function moreSpecific(a: (string | null)[], b: (string | null)[]): number {
  for (let i = 0; i < a.length; i++) {
    const aLiteral = a[i] !== null;
    const bLiteral = b[i] !== null;
    if (aLiteral !== bLiteral) return aLiteral ? -1 : 1;
  }
  return 0;
}

export function matchSegments(templates: readonly string[], segments: string[]): string | undefined {
  return templates
    .filter((template) => {
      const parts = segmentsOf(template);
      return parts.length === segments.length && parts.every((literal, i) => (literal === null ? segments[i] !== '' : literal === segments[i]));
    })
    .sort((a, b) => moreSpecific(segmentsOf(a), segmentsOf(b)))[0];
}

/**
 * The most specific of `templates` (OpenAPI path templates) that a concrete path fits; trailing
 * slashes (Sinao's collections end with one) match either way.
 *
 * @example
 * matchPathTemplate(['/apps/{appId}/transactions/', '/apps/{appId}/transactions/{id}'], '/apps/7/transactions/12'); // '/apps/{appId}/transactions/{id}'
 */
export function matchPathTemplate(templates: readonly string[], requestPath: string): string | undefined {
  return matchSegments(templates, splitPath(requestPath).segments);
}
