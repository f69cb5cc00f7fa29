import { ApiProperty } from '@nestjs/swagger';

export class StreamTokenResponse {
  @ApiProperty({
    description: 'Give it as `?access_token=` to GET /streams/events; no other route accepts it',
    example: 'eyJhbGciOiJFZERTQSIsInR5cCI6InVjLXN0cmVhbStqd3QifQ.eyJyb2xlIjoib2JzZXJ2ZXIifQ.c2lnbmF0dXJl',
  })
  token!: string;

  @ApiProperty({ description: 'When it stops working; ask for a new one before', example: '2027-01-17T10:05:00.000Z' })
  expiresAt!: string;

  @ApiProperty({
    description:
      "The stream's head as the token was issued: give it as `lastEventId` to GET /streams/events to get " +
      'only the events from then on, none of the history',
    example: '1042.0',
    pattern: '^\\d{1,20}\\.\\d{1,19}$',
  })
  lastEventId!: string;
}
