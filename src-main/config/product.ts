import { version } from '../../package.json';

export const PRODUCT_NAME = 'Portcullis';
export const PRODUCT_VERSION: string = version;
