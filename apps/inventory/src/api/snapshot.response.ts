import { NextCursor } from '@upgrade-control/platform';
import { ApiProperty } from '@nestjs/swagger';

const CONTENT_HASH = {
  pattern: '^[0-9a-f]{64}$',
  example: '3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b8557',
  description: 'SHA-256 of the canonical configuration',
};

/** What capturing a snapshot answers. */
export class SnapshotCapturedReply {
  @ApiProperty({ format: 'uuid', example: '0193a4b2-7c1e-7d3a-9f10-2b4c6d8e0f12' }) snapshotId!: string;
  @ApiProperty(CONTENT_HASH) contentHash!: string;
}

/** A snapshot without its configuration. */
export class ConfigurationSnapshotSummary {
  @ApiProperty({ format: 'uuid', example: '0193a4b2-7c1e-7d3a-9f10-2b4c6d8e0f12' }) snapshotId!: string;
  @ApiProperty({ format: 'date-time', example: '2027-01-16T01:40:00.000Z', description: "the server's time" })
  capturedAt!: string;
  @ApiProperty({ type: String, nullable: true, example: 'before upgrade to 16' }) label!: string | null;
  @ApiProperty(CONTENT_HASH) contentHash!: string;
}

/** One snapshot with its configuration (secrets only as references). */
export class ConfigurationSnapshotReply extends ConfigurationSnapshotSummary {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: {
      parameters: { max_connections: 200 },
      serviceAccounts: ['app'],
      credentials: { password: 'vault:kv/orders-db#password' },
    },
  })
  configuration!: Record<string, unknown>;
}

/** One page of an asset's snapshots, oldest first. */
export class ConfigurationSnapshotPage {
  @ApiProperty({ type: [ConfigurationSnapshotSummary] }) items!: ConfigurationSnapshotSummary[];
  @NextCursor() next!: string | null;
}
