import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { SERVICE_CONFIG, signDetached, type ServiceConfig } from '@upgrade-control/platform';

/** The response header holding a record export's detached JWS (ADR 20). */
export const RECORD_SIGNATURE_HEADER = 'X-Record-Signature';

/**
 * Signs a record export with monitoring's key: a detached compact JWS (RFC 7515 appendix F,
 * EdDSA) over the exact bytes of the body, which is serialised here so that what is signed is
 * what is sent.
 */
@Injectable()
export class RecordSignature {
  constructor(@Inject(SERVICE_CONFIG) private readonly config: ServiceConfig) {}

  async send(response: Response, body: string, contentType: string): Promise<string> {
    const key = this.config.signing;
    if (!key) throw new Error('monitoring serves records without a signing key');
    response.setHeader(RECORD_SIGNATURE_HEADER, await signDetached(new TextEncoder().encode(body), key));
    response.type(contentType);
    return body;
  }
}
