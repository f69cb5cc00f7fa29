import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Length, Matches, Min, ValidateNested } from 'class-validator';
import { CHECKSUM_ALGORITHMS, type ChecksumAlgorithm } from '@upgrade-control/contracts';
import { IsIsoDateTime, IsNotBlank, IsSafeInt } from '@upgrade-control/platform';

export class BackupTakenDto {
  @ApiProperty({ example: 'orders database and configuration' }) @IsString() @Length(1, 500) what!: string;
  @ApiProperty({ example: 'pg_dump' }) @IsString() @Length(1, 200) method!: string;
  @ApiProperty({ example: 's3://backups/orders/2027-01-16' }) @IsString() @Length(1, 500) location!: string;
  @ApiProperty({ example: 53687091200 }) @IsSafeInt() @Min(1) sizeBytes!: number;
  @ApiProperty({
    description: 'algorithm:hex digest, computed by the taker',
    example: 'sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  })
  @IsString()
  @Matches(/^(sha256|sha384|sha512):[0-9a-f]+$/, {
    message: 'checksum must be algorithm:hex digest (sha256, sha384, sha512)',
  })
  checksum!: string;
  @ApiPropertyOptional({
    description: 'informative only: when the client says the backup started',
    example: '2027-01-16T00:40:00Z',
  })
  @IsOptional()
  @IsIsoDateTime()
  startedAt?: string;
  @ApiPropertyOptional({
    description: 'informative only: when the client says the backup finished',
    example: '2027-01-16T01:05:00Z',
  })
  @IsOptional()
  @IsIsoDateTime()
  finishedAt?: string;
}

export class ChecksumDto {
  @ApiProperty({ enum: CHECKSUM_ALGORITHMS, example: 'sha256' })
  @IsIn(CHECKSUM_ALGORITHMS)
  algorithm!: ChecksumAlgorithm;
  @ApiProperty({
    description: 'hex digest of the stored backup, recomputed by the verifier',
    example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  })
  @IsString()
  @Matches(/^[0-9a-f]+$/, { message: 'digest must be lower-case hex' })
  digest!: string;
}

export class RestoreDto {
  @ApiProperty({ example: 'scratch database restore_check' }) @IsString() @Length(1, 200) @IsNotBlank() target!: string;
  @ApiProperty({
    description: 'when the restore started, as the verifier measured it',
    example: '2027-01-16T01:12:00Z',
  })
  @IsIsoDateTime()
  startedAt!: string;
  @ApiProperty({
    description: 'when the restore ended; the server computes the duration',
    example: '2027-01-16T01:18:52Z',
  })
  @IsIsoDateTime()
  finishedAt!: string;
  @ApiProperty({
    description: 'objects or rows checked in the restored copy (0 only when the restore failed)',
    example: 1200,
  })
  @IsSafeInt()
  @Min(0)
  objectsChecked!: number;
  @ApiProperty({ example: true }) @IsBoolean() succeeded!: boolean;
}

export class VerifyBackupDto {
  @ApiProperty({ type: ChecksumDto }) @ValidateNested() @Type(() => ChecksumDto) checksum!: ChecksumDto;
  @ApiProperty({ description: 'size of the stored backup in bytes', example: 53687091200 })
  @IsSafeInt()
  @Min(1)
  sizeBytes!: number;
  @ApiProperty({ type: RestoreDto }) @ValidateNested() @Type(() => RestoreDto) restore!: RestoreDto;
}
