import Foundation
import GridCA
import X509

/// `grid-cert-info`: prints fields of a certificate (the user certificate by default).
public struct GridCertInfo: GridCommand {
    public static let name = "grid-cert-info"
    public static let synopsis = "[-help] [-file certfile] [-all] [-subject] [...]"
    public static let summary = """
        Displays certificate information. Unless -file is given, the certificate is
            $X509_USER_CERT, else ~/.globus/usercert.pem. Several options print several lines, in order.
        """
    public static let options: [OptionSpec] = [
        OptionSpec("file", aliases: ["f"], .value, placeholder: "certfile", help: "Use 'certfile' at non-default location"),
        OptionSpec("rfc2253", help: "Print X.509 names in RFC-2253 form"),
        OptionSpec("all", help: "Whole certificate"),
        OptionSpec("subject", aliases: ["s"], help: "Subject string of the cert"),
        OptionSpec("issuer", aliases: ["i"], help: "Issuer of the cert"),
        OptionSpec("issuerhash", aliases: ["ih"], help: "Hash of the issuer name"),
        OptionSpec("startdate", aliases: ["sd"], help: "Validity of cert: start date"),
        OptionSpec("enddate", aliases: ["ed"], help: "Validity of cert: end date"),
        OptionSpec("serial", aliases: ["sn"], help: "Serial number (hex)"),
    ]

    static let printOptions: Set<String> = ["all", "subject", "issuer", "issuerhash", "startdate", "enddate", "serial"]

    var file: String?
    var fields: [String]
    var names = NameStyle.globus

    public init(options: ParsedOptions) throws {
        file = options.value("file")
        fields = options.occurrences.map(\.name).filter(Self.printOptions.contains)
        if fields.isEmpty { fields = ["all"] }
        if options.has("rfc2253") { names = .rfc2253 }
    }

    public func run(in context: ToolContext) throws -> Int32 {
        let path = file ?? GridSecurityPaths(context).userCertificate
        let text = try TextFile.read(path, what: file == nil ? "the user certificate" : "the certificate file")
        let certificate: Certificate
        do {
            guard let first = try PEM.certificates(in: text, location: path).first else {
                throw GridToolsError("\(path) holds no certificate", hint: "the file must contain -----BEGIN CERTIFICATE-----")
            }
            certificate = first
        } catch let error as GridToolsError {
            throw error
        } catch {
            throw GridToolsError("Cannot read certificate file \(path)", underlying: error)
        }
        context.out(fields.map { line(for: $0, certificate) }.joined())
        return 0
    }

    func line(for field: String, _ certificate: Certificate) -> String {
        switch field {
        case "subject": return names.format(certificate.subject) + "\n"
        case "issuer": return names.format(certificate.issuer) + "\n"
        case "issuerhash": return SubjectHash.new(certificate.issuer) + "\n"
        case "startdate": return GlobusTime.openssl(certificate.notValidBefore) + "\n"
        case "enddate": return GlobusTime.openssl(certificate.notValidAfter) + "\n"
        case "serial": return CertificateText.serialHex(certificate) + "\n"
        default: return CertificateText.describe(certificate)
        }
    }
}
