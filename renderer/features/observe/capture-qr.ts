import { useQuery } from '@tanstack/react-query';
import QRCode from 'qrcode';

/**
 * The join address as a QR code in an SVG data: URL. An <img> of a data: URL needs no
 * inline script or style exception in the CSP, and scales sharply on a projector.
 */
export const qrDataUrl = async (text: string): Promise<string> => {
  const svg = await QRCode.toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
};

export const useQrDataUrl = (text: string) =>
  useQuery({ queryKey: ['capture-qr', text], queryFn: () => qrDataUrl(text), enabled: text !== '', staleTime: Infinity });
