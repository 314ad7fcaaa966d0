import { PageRequestDto } from '@app/api-conventions';

/** GET /hr-feed/unmatched takes only paging. */
export class ListUnmatchedRequestDto extends PageRequestDto {}
