// The part of Eleventy 3's API this project uses (the package ships no .d.ts).
declare module '@11ty/eleventy' {
  export interface UserConfig {
    addGlobalData(name: string, value: unknown): void;
    addExtension(extension: string | string[], options: { key: string }): void;
    addTemplateFormats(formats: string | string[]): void;
    addPassthroughCopy(paths: string | Record<string, string>): void;
    setQuietMode(quiet: boolean): void;
    setTemplateFormats(formats: string | string[]): void;
    /** A template that lives in memory; for 11ty.js, an object with `data` and `render`. */
    addTemplate(virtualPath: string, content: unknown, data?: Record<string, unknown>): void;
  }

  export interface EleventyOptions {
    /** '' reads no configuration file: the build passes its configuration as `config`. */
    configPath?: string;
    quietMode?: boolean;
    config?: (config: UserConfig) => void | Promise<void>;
  }

  export default class Eleventy {
    constructor(input?: string, output?: string, options?: EleventyOptions);
    write(): Promise<unknown>;
    /** Renders every template without writing: one result per output file. */
    toJSON(): Promise<{ url: string; inputPath: string; outputPath: string | false; content: string }[]>;
    disableLogger(): void;
  }
}
