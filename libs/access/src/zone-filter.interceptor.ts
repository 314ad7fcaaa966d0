import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { map, type Observable } from 'rxjs';
import { ZONE_FILTERS } from './access.guard.js';

/**
 * For an officer's list or report, removes every row of another zone: an array element whose `zoneId`
 * (or whose fact line's `fields.zoneId`) is not theirs, and other zones' keys of a `byZone` count.
 * County-wide totals stay (docs/decisions/0220-access-control.md).
 */
@Injectable()
export class ZoneFilterInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const zones =
      context.getType() === 'http'
        ? ZONE_FILTERS.get(context.switchToHttp().getRequest())
        : undefined;
    if (zones === undefined) return next.handle();
    return next
      .handle()
      .pipe(map((body: unknown) => onlyZones(body, new Set(zones))));
  }
}

export function onlyZones(value: unknown, zones: ReadonlySet<string>): unknown {
  if (Array.isArray(value))
    return value
      .filter((row) => !ofOtherZone(row, zones))
      .map((row) => onlyZones(row, zones));
  if (value === null || typeof value !== 'object' || value instanceof Date)
    return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    out[key] =
      key === 'byZone' &&
      child !== null &&
      typeof child === 'object' &&
      !Array.isArray(child)
        ? Object.fromEntries(
            Object.entries(child as object).filter(([zone]) => zones.has(zone)),
          )
        : onlyZones(child, zones);
  }
  return out;
}

function ofOtherZone(row: unknown, zones: ReadonlySet<string>): boolean {
  if (row === null || typeof row !== 'object') return false;
  const own = (row as { zoneId?: unknown }).zoneId;
  const fields = (row as { fields?: { zoneId?: unknown } }).fields;
  const fact =
    fields !== null && typeof fields === 'object' ? fields.zoneId : undefined;
  return [own, fact].some(
    (zone) => typeof zone === 'string' && !zones.has(zone),
  );
}
