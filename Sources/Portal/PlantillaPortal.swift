import Metodologia
import Plantilla

/// The blank instrument of one instancia, as bytes.
enum GeneradorPlantillaPortal {
    static func bytes(metodologia m: Metodologia, instancia: String) -> [UInt8] {
        GeneradorPlantilla(metodologia: m).documento(instancia: instancia).data()
    }
}
