import type { Gray } from './raster';
import { medianGray } from './sharp-ops';

/** Grain (gray levels, see noiseSigma) from which a page is median-filtered: heavy sensor noise
 * turns paper into ink at the line-finding threshold and breaks rulings and glyphs, while a median
 * costs small text a little sharpness, so light grain is left alone. Measured: Gaussian noise of
 * sigma 18 on white paper reads 8.4 (clipping at white hides half of it); the seed scans, JPEG at
 * quality 30-45 and noise of sigma 10 under blur read 0-1.1. */
const NOISE_SIGMA = 5;

/**
 * The page's grain: the median absolute difference of horizontally adjacent pixels (mostly paper,
 * so text edges do not move the median), which for Gaussian noise of sigma s is about 0.95 s.
 */
export function noiseSigma(img: Gray): number {
  const hist = new Uint32Array(256);
  let n = 0;
  for (let y = 0; y < img.height; y += 3) {
    const row = y * img.width;
    for (let x = 0; x + 1 < img.width; x += 2) { hist[Math.abs(img.data[row + x] - img.data[row + x + 1])]++; n++; }
  }
  let acc = 0, med = 0;
  for (; med < 256; med++) { acc += hist[med]; if (acc >= n / 2) break; }
  return med / 0.95;
}

/** The page median-filtered (3×3) when its grain is heavy, else as it is. */
export async function denoise(img: Gray): Promise<{ image: Gray; sigma: number; filtered: boolean }> {
  const sigma = noiseSigma(img);
  if (sigma < NOISE_SIGMA) return { image: img, sigma, filtered: false };
  return { image: await medianGray(img, 3), sigma, filtered: true };
}
