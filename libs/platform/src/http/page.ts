import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { decodeCursor, encodeCursor, type CursorPosition, type CursorShape } from './cursor.js';
import { IsSafeInt } from './dto-rules.js';

/** The `next` of every page's answer: what to send as `cursor` for the next page, null on the last. */
export const NextCursor = (): PropertyDecorator =>
  ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description: 'the cursor of the next page (send it as `cursor`); null on the last page',
  });

export const DEFAULT_PAGE_LIMIT = 50;
export const MAX_PAGE_LIMIT = 200;

/** `limit` and `cursor` of every list (ADR 22); a list's own filters extend it. */
export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_LIMIT, default: DEFAULT_PAGE_LIMIT, example: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsSafeInt()
  @Min(1)
  @Max(MAX_PAGE_LIMIT)
  limit?: number;

  @ApiPropertyOptional({ description: 'The `next` of the previous page; absent for the first page.' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  cursor?: string;
}

/** One page of a list: its items and the cursor of the next page, null on the last. */
export interface Page<T> {
  items: T[];
  next: string | null;
}

/** What a read model needs to read one page: how many, and after which position (null: from the start). */
export interface PageRequest {
  limit: number;
  after: CursorPosition | null;
}

/** The page a query asks for, its cursor checked against the list's key shape. */
export function pageRequest(query: PageQuery, shape: CursorShape): PageRequest {
  return {
    limit: query.limit ?? DEFAULT_PAGE_LIMIT,
    after: query.cursor === undefined ? null : decodeCursor(query.cursor, shape),
  };
}

/**
 * A page from rows read with `LIMIT limit + 1`: the extra row only says that there is more, and
 * the next page starts after the last row shown.
 */
export function pageOf<T>(rows: T[], request: PageRequest, positionOf: (row: T) => CursorPosition): Page<T> {
  const items = rows.slice(0, request.limit);
  const more = rows.length > request.limit;
  return { items, next: more && items.length > 0 ? encodeCursor(positionOf(items.at(-1)!)) : null };
}
