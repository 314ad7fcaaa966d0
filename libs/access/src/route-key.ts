import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';

/** `METHOD /path/:param` of a controller method, as ACCESS_TABLE names it; undefined when not a route. */
export function routeKeyOf(
  controller: object,
  handler: object,
): string | undefined {
  const method = Reflect.getMetadata(METHOD_METADATA, handler) as
    RequestMethod | undefined;
  if (method === undefined) return undefined;
  const parts = [
    Reflect.getMetadata(PATH_METADATA, controller),
    Reflect.getMetadata(PATH_METADATA, handler),
  ]
    .flatMap(
      (p: string | string[] | undefined) => (Array.isArray(p) ? p[0] : p) ?? '',
    )
    .map((p: string) => p.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean);
  return `${RequestMethod[method]} /${parts.join('/')}`;
}
