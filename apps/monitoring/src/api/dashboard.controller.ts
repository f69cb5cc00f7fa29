import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { notFoundException, Operation } from '@upgrade-control/platform';
import { loadDashboardAssets, type DashboardAsset } from './dashboard-assets.js';

/**
 * Its scripts reach the services' APIs (theirs to allow by CORS_ORIGINS) and nothing else; no
 * inline script or style, so an injected event field cannot run as code.
 */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' http: https:; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The live dashboard: a static page (public code) that signs in and calls the services' APIs. */
@ApiExcludeController()
@Controller('dashboard')
export class DashboardController {
  private readonly assets: ReadonlyMap<string, DashboardAsset> = loadDashboardAssets();

  @Get()
  @Operation('getDashboard')
  page(@Res() response: Response): void {
    this.send(response, 'index.html');
  }

  @Get(':asset')
  @Operation('getDashboardAsset')
  asset(@Param('asset') name: string, @Res() response: Response): void {
    this.send(response, name);
  }

  private send(response: Response, name: string): void {
    const asset = this.assets.get(name);
    if (!asset) throw notFoundException(`the dashboard has no file ${name}`);
    response
      .status(200)
      .set({
        'Content-Type': asset.type,
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-cache',
      })
      .send(asset.body);
  }
}
