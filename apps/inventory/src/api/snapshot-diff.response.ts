import { ApiProperty } from '@nestjs/swagger';
import { ANY_JSON_VALUE } from '@upgrade-control/platform';

const PATH = { example: 'parameters.max_connections', description: 'dotted path of a leaf; arrays by index' };

export class SnapshotPathValue {
  @ApiProperty(PATH) path!: string;
  @ApiProperty({ ...ANY_JSON_VALUE, example: 200 }) value!: unknown;
}

export class SnapshotPathChange {
  @ApiProperty(PATH) path!: string;
  @ApiProperty({ ...ANY_JSON_VALUE, example: 200 }) before!: unknown;
  @ApiProperty({ ...ANY_JSON_VALUE, example: 400 }) after!: unknown;
}

/** Added, removed and changed leaves from snapshot `from` to snapshot `to`. */
export class SnapshotDiffReply {
  @ApiProperty({ example: '0193a4b2-7c1e-7d3a-9f10-2b4c6d8e0f12' }) from!: string;
  @ApiProperty({ example: '0193a4f0-1a2b-7c3d-8e4f-5a6b7c8d9e0f' }) to!: string;
  @ApiProperty({ type: [SnapshotPathValue] }) added!: SnapshotPathValue[];
  @ApiProperty({ type: [SnapshotPathValue] }) removed!: SnapshotPathValue[];
  @ApiProperty({ type: [SnapshotPathChange] }) changed!: SnapshotPathChange[];
}
