import { ApiProperty } from '@nestjs/swagger';
import { executionEvents } from '@upgrade-control/contracts';

const EXECUTION_EVENT_TYPES = [...new Set(executionEvents.map((event) => event.type))];

/** What every write to an execution answers (decide-execution.ts): its new version and the events recorded. */
export class ExecutionWriteReply {
  @ApiProperty({ example: 'pg16' }) upgradeId!: string;
  @ApiProperty({ type: 'integer', example: 4, description: "the execution stream's version after the write" })
  streamVersion!: number;
  @ApiProperty({
    enum: EXECUTION_EVENT_TYPES,
    isArray: true,
    example: ['AcceptanceCheckRecorded', 'AcceptancePassed'],
    description: 'the types of the events the command recorded, in order',
  })
  events!: string[];
}
