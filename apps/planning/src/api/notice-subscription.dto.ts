import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotBlank, PageQuery } from '@upgrade-control/platform';
import { IsOptional, IsString, Length, MaxLength, ValidateBy } from 'class-validator';
import { z } from 'zod';

const webhookUrl = z.url({ protocol: /^https?$/ });

/** An absolute http or https URL, as the notice contracts take it. */
const IsWebhookUrl = () =>
  ValidateBy({
    name: 'isWebhookUrl',
    validator: {
      validate: (value) => typeof value === 'string' && value.length <= 2000 && webhookUrl.safeParse(value).success,
      defaultMessage: () => '$property must be an absolute http or https URL',
    },
  });

export class NoticeSubscriptionDto {
  @ApiProperty({ example: 'sales', description: 'the user group whose notices this endpoint receives' })
  @IsString()
  @Length(1, 200)
  @IsNotBlank()
  audience!: string;

  @ApiProperty({ example: 'https://hooks.example.com/upgrade-notices' })
  @IsWebhookUrl()
  url!: string;

  @ApiPropertyOptional({
    example: 'whsec_5f3c9a7e1b2d4f6a8c0e2b4d6f8a0c2e',
    description:
      'the HMAC-SHA256 signing secret (at least 24 characters); planning generates one and returns it once when absent',
  })
  @IsOptional()
  @IsString()
  @Length(24, 500)
  secret?: string;
}

export class ListNoticeSubscriptionsQueryDto extends PageQuery {
  @ApiPropertyOptional({ example: 'sales', description: 'Only the subscriptions of this audience (user group)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  audience?: string;
}
