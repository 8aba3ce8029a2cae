// A profile variable, in a file of its own so that packs declaring the variables their values reference need not
// import the profile interfaces.
/** A profile variable users fill in at attach time (`{{ .spectro.var.NAME }}` in pack values). */
export interface ProfileVariable {
  readonly name: string;
  /**
   * @default the name
   */
  readonly displayName?: string;
  /**
   * @default - none
   */
  readonly description?: string;
  /**
   * One of string, number, boolean, ipv4, ipv4cidr, ipv6, version, base64.
   * @default "string"
   */
  readonly format?: string;
  /**
   * @default false
   */
  readonly required?: boolean;
  /**
   * Masks the value in Palette. Sensitive variables may not carry a default: secrets come from the attachment's
   * variables (a sensitive Terraform variable), never from code.
   * @default false
   */
  readonly isSensitive?: boolean;
  /**
   * @default false
   */
  readonly hidden?: boolean;
  /**
   * @default - none
   */
  readonly defaultValue?: string;
}
