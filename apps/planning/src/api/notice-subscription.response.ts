import { NextCursor } from '@upgrade-control/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** A subscriber endpoint of a user group; its secret is never shown again. */
export class NoticeSubscription {
  @ApiProperty({ example: '0192f1d0-3c4e-7a11-b2c5-8e9f0a1b2c3d' }) subscriptionId!: string;
  @ApiProperty({ example: 'sales', description: 'the user group whose notices it receives' }) audience!: string;
  @ApiProperty({ format: 'uri', example: 'https://hooks.example.com/upgrade-notices' }) url!: string;

  @ApiProperty({
    pattern: '^[0-9a-f]{16}$',
    example: '3f9a0c1d2e4b5a69',
    description: 'the first 16 hex digits of SHA-256 over the signing secret',
  })
  secretFingerprint!: string;

  @ApiProperty({ example: 'alice' }) createdBy!: string;
  @ApiProperty({ format: 'date-time', example: '2027-01-10T09:00:00.000Z' }) createdAt!: string;
}

/** A registered subscription: with the signing secret, once, when planning generated it. */
export class RegisteredNoticeSubscription extends NoticeSubscription {
  @ApiPropertyOptional({
    example: 'whsec_q3XlHcM9vB2nT7yK0wR5eJ8uF1aS4dG6nP0zL7xQ2w',
    description: 'the generated HMAC-SHA256 signing secret: present only when the request gave none, shown only now',
  })
  secret?: string;
}

/** A page of subscriptions, oldest first. */
export class NoticeSubscriptionPage {
  @ApiProperty({ type: () => [NoticeSubscription] }) items!: NoticeSubscription[];

  @NextCursor() next!: string | null;
}
